import Hummingbird
import NIOCore

/// Hummingbird's request context plus the caller's address, for the counter allow-list.
public struct LinkRequestContext: RequestContext {
  public var coreContext: CoreRequestContextStorage
  /// The peer's IP address as text, when the socket has one.
  public let remoteAddress: String?

  public init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress?.ipAddress
  }
}
