import HummingbirdCore
import NIOCore
import NIOHTTPTypes
import Synchronization

/// Counts a server's open connections and, above the cap, closes the one that has waited longest
/// for a request: a flood of connections that never send one cannot keep a counter system's
/// request out, nor use up the process's descriptors.
final class ConnectionGate: Sendable {
  private struct Member {
    let channel: any Channel
    /// When it began waiting for a request head (a tick of the gate), nil while a request is under way.
    var waitingSince: UInt64?
  }

  private struct State {
    var members: [UInt64: Member] = [:]
    var tick: UInt64 = 0
  }

  private let maximum: Int
  private let state = Mutex(State())

  init(maximum: Int) { self.maximum = maximum }

  func handler() -> ConnectionGateHandler { ConnectionGateHandler(gate: self) }

  /// Admits `channel`; returns its id and the connection to close to stay at the cap, if any
  /// (possibly this one, when every other connection is busy with a request).
  func opened(_ channel: any Channel) -> (id: UInt64, evict: (any Channel)?) {
    state.withLock { state in
      state.tick += 1
      let id = state.tick
      state.members[id] = Member(channel: channel, waitingSince: id)
      guard state.members.count > maximum else { return (id, nil) }
      var oldest: (id: UInt64, since: UInt64)?
      for (candidate, member) in state.members {
        if let since = member.waitingSince, since < oldest?.since ?? .max { oldest = (candidate, since) }
      }
      guard let oldest else { return (id, nil) }
      return (id, state.members.removeValue(forKey: oldest.id)?.channel)
    }
  }

  /// A request head arrived: the connection is busy and not to be evicted.
  func busy(_ id: UInt64) {
    state.withLock { $0.members[id]?.waitingSince = nil }
  }

  /// A response ended: the connection waits for the next request.
  func waiting(_ id: UInt64) {
    state.withLock { state in
      state.tick += 1
      state.members[id]?.waitingSince = state.tick
    }
  }

  /// The connection is gone (closed by either side, or evicted).
  func closed(_ id: UInt64) {
    _ = state.withLock { $0.members.removeValue(forKey: id) }
  }
}

/// One connection's view of the gate: admitted when active, busy from a request head to its
/// response's end, gone when closed.
final class ConnectionGateHandler: ChannelDuplexHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPRequestPart
  typealias InboundOut = HTTPRequestPart
  typealias OutboundIn = HTTPResponsePart
  typealias OutboundOut = HTTPResponsePart

  private let gate: ConnectionGate
  private var id: UInt64?

  init(gate: ConnectionGate) { self.gate = gate }

  func handlerAdded(context: ChannelHandlerContext) {
    if context.channel.isActive { admit(context) }
  }

  func channelActive(context: ChannelHandlerContext) {
    admit(context)
    context.fireChannelActive()
  }

  private func admit(_ context: ChannelHandlerContext) {
    guard id == nil else { return }
    let (id, evict) = gate.opened(context.channel)
    self.id = id
    evict?.close(promise: nil)
  }

  func channelInactive(context: ChannelHandlerContext) {
    leave()
    context.fireChannelInactive()
  }

  func handlerRemoved(context: ChannelHandlerContext) { leave() }

  private func leave() {
    if let id { gate.closed(id) }
    id = nil
  }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    if case .head = unwrapInboundIn(data), let id { gate.busy(id) }
    context.fireChannelRead(data)
  }

  func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
    if case .end = unwrapOutboundIn(data), let id { gate.waiting(id) }
    context.write(data, promise: promise)
  }
}

@available(*, unavailable)
extension ConnectionGateHandler: Sendable {}
