import HummingbirdCore
import NIOCore

/// How long a connection may sit without a request and how many may be open at once.
public struct ConnectionLimits: Sendable, Hashable {
  /// How long a connection may wait for the next request's head (or its TLS handshake, or the
  /// next part of a request body) before the server closes it.
  public var idleTimeout: Duration
  /// The most connections open at once; above it the one waiting longest for a request is closed.
  public var maximumConnections: Int

  /// Makes limits.
  public init(idleTimeout: Duration, maximumConnections: Int) {
    self.idleTimeout = idleTimeout
    self.maximumConnections = maximumConnections
  }

  /// The HTTP/1 channel set-up that enforces these limits, with one gate for the whole server.
  public func http1Configuration() -> HTTP1Channel.Configuration {
    let gate = ConnectionGate(maximum: maximumConnections)
    // Hummingbird's idle timeout counts from the connection's start and from each request part,
    // so a request head that never completes, or a TLS handshake, is held no longer than this.
    return .init(additionalChannelHandlers: [gate.handler()], idleTimeout: TimeAmount(idleTimeout))
  }

  /// A backstop for the listening socket: accepting pauses while this many connections are open,
  /// which only happens while evicted connections are still being closed.
  public var acceptLimit: MaximumAvailableConnections {
    MaximumAvailableConnections(maximumConnections + maximumConnections / 4 + 8)
  }
}
