import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Connections that each send a request head without its final blank line and then hold, as a
/// stalled client (or a flood) would; and how long the server took to close each of them.
package final class HalfSentFlood: @unchecked Sendable {
  private let port: Int
  private var sockets: [Int32] = []
  private var sent: [ContinuousClock.Instant] = []
  /// How long after its half request each connection was closed by the server (nil: still open).
  package private(set) var closedAfter: [Duration?] = []
  /// When each connection was closed by the server (nil: still open).
  private var closedAt: [ContinuousClock.Instant?] = []
  /// When the last connection was closed.
  package var lastClosed: ContinuousClock.Instant? { closedAt.compactMap { $0 }.max() }
  /// When the server's accept queue was first seen empty after the flood: by then it had accepted
  /// every connection, and only from its accept does a server's idle timeout count.
  package private(set) var acceptQueueDrained: ContinuousClock.Instant?

  /// Opens `count` connections to 127.0.0.1:`port`, each sending `text` (by default `GET / HTTP/1.1`
  /// and a Host line, without the blank line that would end the head).
  package init(port: Int, count: Int, sending text: String = "GET / HTTP/1.1\r\nHost: x\r\n") throws {
    self.port = port
    let head = Array(text.utf8)
    for _ in 0..<count {
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      guard fd >= 0 else { throw FloodError("socket: \(String(cString: strerror(errno)))") }
      sockets.append(fd)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = in_port_t(UInt16(port).bigEndian)
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
          connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
      }
      guard connected == 0 else { throw FloodError("connect: \(String(cString: strerror(errno)))") }
      // A server that already closed it may refuse the bytes; its close is then seen below.
      if !head.isEmpty {
        _ = head.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
      }
      sent.append(.now)
      closedAfter.append(nil)
      closedAt.append(nil)
      // Closes by the cap happen while the flood is still being sent: look every few connections.
      if sockets.count % 16 == 0 { sweep(waitingMilliseconds: 0) }
    }
  }

  deinit { for fd in sockets { close(fd) } }

  /// Connections the server has closed so far.
  package var closedCount: Int { closedAfter.count { $0 != nil } }

  /// Waits, in poll(2), until the server has closed every connection or `limit` has passed.
  package func waitUntilClosed(within limit: Duration) {
    let deadline = ContinuousClock.now + limit
    while closedCount < sockets.count, ContinuousClock.now < deadline {
      let left = deadline - .now
      sweep(
        waitingMilliseconds: Int32(
          max(1, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)))
    }
  }

  /// Waits until the server has accepted every connection (its accept queue is empty), or `limit`
  /// has passed; notes closes meanwhile. A loaded machine accepts a flood slowly, and a request
  /// sent while the queue is full waits for TCP to retry its connect.
  package func waitUntilAccepted(within limit: Duration) {
    let deadline = ContinuousClock.now + limit
    while ContinuousClock.now < deadline {
      if listenQueueLength() == 0 {
        acceptQueueDrained = .now
        return
      }
      // The queue has no event to wait for: look again every 20 ms.
      sweep(waitingMilliseconds: 20)
    }
  }

  /// Connections waiting in the accept queue of the socket listening on the port (the rx_queue
  /// of a listening socket in /proc/net/tcp); nil when it cannot be read.
  private func listenQueueLength() -> Int? {
    guard let table = try? String(contentsOfFile: "/proc/net/tcp", encoding: .utf8) else { return nil }
    let local = String(format: ":%04X", port)
    for line in table.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: " ")
      // sl, local_address, rem_address, st (0A: listening), tx_queue:rx_queue
      guard fields.count > 4, fields[1].hasSuffix(local), fields[3] == "0A" else { continue }
      return fields[4].split(separator: ":").last.flatMap { Int($0, radix: 16) }
    }
    return nil
  }

  /// One poll(2) over the connections still open, waiting up to `waitingMilliseconds`; notes
  /// which the server closed.
  private func sweep(waitingMilliseconds: Int32) {
    let open = sockets.indices.filter { closedAfter[$0] == nil }
    var polls = open.map { pollfd(fd: sockets[$0], events: Int16(POLLIN), revents: 0) }
    guard poll(&polls, nfds_t(polls.count), waitingMilliseconds) > 0 else { return }
    let now = ContinuousClock.now
    var buffer = [UInt8](repeating: 0, count: 4096)
    for (slot, entry) in polls.enumerated() where entry.revents != 0 {
      let index = open[slot]
      // An answer (a 408, say) is read past; only the end of the stream counts as closed.
      let read = buffer.withUnsafeMutableBytes { recv(sockets[index], $0.baseAddress, $0.count, 0) }
      if read <= 0 {
        closedAfter[index] = now - sent[index]
        closedAt[index] = now
      }
    }
  }

  /// Connections closed before `instant`.
  package func closedCount(before instant: ContinuousClock.Instant) -> Int {
    closedAt.count { $0.map { $0 < instant } ?? false }
  }

  /// The longest time a closed connection was held.
  package var longestHeld: Duration? { closedAfter.compactMap { $0 }.max() }
}

/// Raises this process's soft limit on open files to its hard limit; returns the new soft limit.
package func raiseOpenFileLimit() -> Int {
  var limit = rlimit()
  guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
  limit.rlim_cur = limit.rlim_max
  _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
  _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
  return Int(clamping: limit.rlim_cur)
}

/// The flood could not be sent.
package struct FloodError: Error, CustomStringConvertible {
  package let description: String
  init(_ description: String) { self.description = description }
}

extension Duration {
  /// In seconds, for messages.
  package var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}

/// One flood at a time in the test process (the test targets share it): two servers flooded at once
/// would starve every other test of the machine's cores.
package func withFloodTurn<T>(_ body: () async throws -> T) async throws -> T {
  await FloodTurn.shared.acquire()
  do {
    let result = try await body()
    await FloodTurn.shared.release()
    return result
  } catch {
    await FloodTurn.shared.release()
    throw error
  }
}

private actor FloodTurn {
  static let shared = FloodTurn()
  private var busy = false
  private var waiters: [CheckedContinuation<Void, Never>] = []

  func acquire() async {
    guard busy else {
      busy = true
      return
    }
    await withCheckedContinuation { waiters.append($0) }
  }

  func release() {
    if waiters.isEmpty { busy = false } else { waiters.removeFirst().resume() }
  }
}
