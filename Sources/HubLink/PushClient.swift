import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import SyncProtocol

/// Pushes unacknowledged records to the hub in batches, and moves the cursor by the hub's answer.
///
/// Timeouts, connection errors and 5xx are retried with backoff; a 4xx refusal parks the batch as
/// a dead letter (its records stay in the ledger, counted in health). A nudge after each commit
/// sends at once while the hub is reachable; while it is not, only the backoff decides.
public final class PushClient: Sendable {
  private let settings: PushSettings
  private let ledger: SyncLedger
  private let status: LinkStatus
  private let metrics: LinkMetrics
  private let logger: Logger
  private let client: HTTPClient
  private let signal = WakeSignal()
  /// How long an idle client waits before looking at the ledger again without a nudge.
  private static let idleRecheck = Duration.seconds(30)

  /// Makes a client; `run()` starts it.
  public init(
    settings: PushSettings, ledger: SyncLedger, status: LinkStatus, metrics: LinkMetrics, logger: Logger
  ) throws(LinkError) {
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: try settings.clientConfiguration())
    self.settings = settings
    self.ledger = ledger
    self.status = status
    self.metrics = metrics
    self.logger = logger
  }

  /// A record was committed: send it now if the hub is reachable.
  public func nudge() { signal.wake() }

  /// Pushes until cancelled, then closes its connections.
  public func run() async {
    var failures = 0
    var parked: ClosedRange<Int64>?
    while !Task.isCancelled {
      let page: RecordPage
      do {
        let cursor = try ledger.acknowledgedThrough()
        // A dead letter blocks what follows it (acknowledgements are cumulative) until the hub
        // acknowledges past it by a pull, or the agent restarts.
        if let range = parked, cursor < range.upperBound {
          await signal.wait(upTo: Self.idleRecheck)
          continue
        }
        parked = nil
        page = try ledger.page(after: cursor, limit: settings.batchSize)
      } catch {
        logger.error("push: cannot read the ledger: \(error)")
        await signal.wait(upTo: Self.idleRecheck)
        continue
      }
      guard let first = page.records.first?.seq, let last = page.records.last?.seq else {
        await signal.wait(upTo: Self.idleRecheck)
        continue
      }
      switch await exchange(page) {
      case .acknowledged(let through):
        failures = 0
        status.synced()
        do { _ = try ledger.acknowledge(through: min(through, page.headSeq)) } catch {
          logger.error("push: the hub acknowledged seq \(through) but the cursor cannot move: \(error)")
        }
        if through < last {
          logger.warning("push: the hub acknowledged only through seq \(through) of \(last)")
        }
      case .retry(let reason):
        failures += 1
        status.failed()
        metrics.syncError(reason.kind)
        let delay = settings.backoff.delay(afterFailures: failures, unit: Double.random(in: 0..<1))
        logger.warning("push: \(reason.message); retry \(failures) in \(delay)")
        try? await Task.sleep(for: delay)
      case .rejected(let reason):
        status.failed()
        metrics.syncError("rejected")
        status.deadLettered(DeadLetter(seqs: first...last, reason: reason))
        parked = first...last
        logger.critical("push: the hub refused seqs \(first)-\(last), kept as a dead letter: \(reason)")
      }
    }
    try? await client.shutdown()
  }

  private enum Outcome {
    case acknowledged(Int64)
    case retry(Retry)
    case rejected(String)
  }

  private struct Retry: Error {
    let kind: String
    let message: String
  }

  private func exchange(_ page: RecordPage) async -> Outcome {
    do {
      return try await withTimeout(settings.exchangeTimeout) { [self] in try await post(page) }
    } catch let retry as Retry {
      return .retry(retry)
    } catch {
      return .retry(Retry(kind: "connection", message: "cannot reach the hub: \(error)"))
    }
  }

  private func post(_ page: RecordPage) async throws -> Outcome {
    var request = HTTPClientRequest(url: settings.url)
    request.method = .POST
    request.headers.add(name: "Authorization", value: settings.token.authorization)
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(bytes: page.jsonBytes()))
    let response = try await client.execute(
      request, timeout: .seconds(Int64(settings.exchangeTimeout.components.seconds)))
    let body = try await response.body.collect(upTo: 1 << 20)
    let code = Int(response.status.code)
    switch code {
    case 200..<300:
      guard let answer = try? WireCoding.decoder().decode(Acknowledgement.self, from: Data(buffer: body))
      else {
        throw Retry(
          kind: "garbage", message: "the hub answered \(code) with something that is not an acknowledgement")
      }
      return .acknowledged(answer.through)
    case 408, 429, 500...:
      throw Retry(kind: "server", message: "the hub answered \(code)")
    default:
      return .rejected("\(code) \(String(buffer: body).prefix(300))")
    }
  }
}

/// Runs `body`, throwing `TimeoutError` when it takes longer than `limit` (and cancelling it).
func withTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async throws -> T)
  async throws -> T
{
  try await withThrowingTaskGroup(of: T.self) { group in
    group.addTask { try await body() }
    group.addTask {
      try await Task.sleep(for: limit)
      throw TimeoutError(limit: limit)
    }
    defer { group.cancelAll() }
    return try await group.next()!
  }
}

/// An exchange took longer than allowed.
struct TimeoutError: Error, CustomStringConvertible {
  let limit: Duration
  var description: String { "no complete answer within \(limit)" }
}
