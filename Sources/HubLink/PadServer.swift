import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServerGuard

/// Runs the pad's API on its own threads until stopped; the bound port is known once it listens.
public final class PadServer: Sendable {
  private let task: Task<Void, any Error>
  private let bound: AsyncStream<Int>

  /// Starts listening; throws when the TLS files cannot be used.
  public init(api: PadAPI, logger: Logger) throws(LinkError) {
    let settings = api.settings
    let http1 = HTTPServerBuilder.http1(configuration: settings.connections.http1Configuration())
    let server: HTTPServerBuilder
    if let tls = settings.tls {
      do { server = try tls.httpsServer(around: http1) } catch { throw .badTLS(error.problem) }
    } else {
      server = http1
    }
    let (bound, continuation) = AsyncStream.makeStream(of: Int.self)
    self.bound = bound
    let application = Application(
      router: api.router(), server: server,
      configuration: .init(
        address: .hostname(settings.host, port: settings.port), serverName: nil,
        availableConnectionsDelegate: settings.connections.acceptLimit),
      onServerRunning: { channel in
        continuation.yield(channel.localAddress?.port ?? 0)
        continuation.finish()
      },
      logger: logger)
    task = Task {
      defer { continuation.finish() }
      try await application.runService(gracefulShutdownSignals: [])
    }
  }

  /// The port it listens on, once it does (nil when it failed to start).
  public func port() async -> Int? {
    for await port in bound { return port }
    return nil
  }

  /// Stops listening and waits until it has.
  public func stop() async {
    task.cancel()
    _ = await task.result
  }
}
