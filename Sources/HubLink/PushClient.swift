import AsyncHTTPClient
import Foundation
import Ledger
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL
import SyncProtocol

/// Pushes unacknowledged records to the hub in batches, and moves the cursor by the hub's answer.
///
/// Timeouts, connection errors and 5xx are retried with backoff. A hub that does not know the pad
/// (yet: 401, or 403 `not_enrolled`) is asked again every `enrolmentRecheck`, as health says, since
/// its operator may enrol the pad at any time. Any other 4xx refusal parks the batch as a dead
/// letter (its records stay in the ledger, counted in health) until a pull passes it or an
/// operator has it sent again. A nudge after each commit sends at once while the hub is
/// reachable; while it is not, only the backoff decides.
public final class PushClient: Sendable {
  private let settings: PushSettings
  private let ledger: SyncLedger
  private let status: LinkStatus
  private let metrics: LinkMetrics
  private let logger: Logger
  private let client: HTTPClient
  private var signal: WakeSignal { status.pushWanted }
  /// How long an idle client waits before looking at the ledger again without a nudge.
  private static let idleRecheck = Duration.seconds(30)
  /// Batches on their way at once: the pad reads and sends the next batch, and the hub parses
  /// it, while the one before is being stored, so neither side waits for the other.
  private static let inFlightLimit = 2

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
    var inFlight: [SentBatch] = []
    defer { inFlight.forEach { $0.answer.cancel() } }
    while !Task.isCancelled {
      do {
        let cursor = try await ledger.acknowledgedThrough()
        // A dead letter blocks what follows it (acknowledgements are cumulative) until the hub
        // acknowledges past it by a pull, or an operator has it sent again.
        status.deliveredDeadLetters(through: cursor)
        if !status.deadLetters.isEmpty {
          await signal.wait(upTo: Self.idleRecheck)
          continue
        }
        try await send(after: cursor, into: &inFlight)
      } catch {
        logger.error("push: cannot read the ledger: \(error)")
      }
      guard !inFlight.isEmpty else {
        if status.wantsHubTime {
          await askTheTime(failures: &failures)
        } else {
          await signal.wait(upTo: Self.idleRecheck)
        }
        continue
      }
      let sent = inFlight.removeFirst()
      let outcome = await withTaskCancellationHandler {
        await sent.answer.value
      } onCancel: {
        sent.answer.cancel()
      }
      let (first, last) = (sent.page.records.first!.seq, sent.page.records.last!.seq)
      switch outcome {
      case .acknowledged(let answer):
        // Only up to what this exchange carried, and only with the hash of the pad's own record.
        let check: AcknowledgementCheck
        do { check = try await ledger.acknowledge(answer, upTo: last) } catch {
          logger.error(
            "push: the hub acknowledged seq \(answer.through) but the cursor cannot move: \(error)")
          continue
        }
        switch check {
        case .moved:
          failures = 0
          status.synced()
          if answer.through < last {
            logger.warning("push: the hub acknowledged only through seq \(answer.through) of \(last)")
            Self.drop(&inFlight)
          }
        case .refused(let why):
          // The records stay unacknowledged and go again; the hub's operator must look.
          Self.drop(&inFlight)
          logger.critical("push: an acknowledgement of seqs \(first)-\(last) is refused: \(why)")
          let delay = backOff(after: Retry(kind: "bad_acknowledgement", message: why), failures: &failures)
          try? await Task.sleep(for: delay)
        }
      case .retry(let reason):
        Self.drop(&inFlight)
        let delay = backOff(after: reason, failures: &failures)
        logger.warning("push: \(reason.message); retry \(failures) in \(delay)")
        try? await Task.sleep(for: delay)
      case .unknownToHub(let answer):
        Self.drop(&inFlight)
        await waitForEnrolment(answer)
      case .rejected(let reason) where sent.wentAhead:
        // Sent before the batch in front of it was stored, it may have reached the hub first and
        // been refused for the gap; it goes again in order, and only a refusal then counts.
        Self.drop(&inFlight)
        logger.info("push: seqs \(first)-\(last), sent ahead, were refused (\(reason)); sending them again")
      case .rejected(let reason):
        Self.drop(&inFlight)
        status.failed()
        metrics.syncError("rejected")
        status.deadLettered(DeadLetter(seqs: first...last, reason: reason))
        logger.critical("push: the hub refused seqs \(first)-\(last), kept as a dead letter: \(reason)")
      }
    }
    try? await client.shutdown()
  }

  /// The pad's clock is unknown and nothing waits to go (the hub's pulls may have taken it all):
  /// an empty push, whose answer teaches the pad the time (`HubTime`). Failures back off as pushes
  /// do, but a pull from the hub, which shows the link is back, asks again at once.
  private func askTheTime(failures: inout Int) async {
    let page: RecordPage
    do {
      page = try await ledger.page(after: try await ledger.acknowledgedThrough(), limit: 1)
    } catch {
      logger.error("push: cannot read the ledger: \(error)")
      return await signal.wait(upTo: Self.idleRecheck)
    }
    guard page.records.isEmpty else { return }  // a record arrived: pushing it asks as well
    switch await exchange(page) {
    case .acknowledged:
      failures = 0
      status.synced()
      // Heard and learned by now, or the round trip was too long to learn from: ask again later.
      await signal.wait(upTo: Self.idleRecheck)
    case .retry(let reason):
      let delay = backOff(after: reason, failures: &failures)
      logger.info(
        "push: asking the hub's time: \(reason.message); again in \(delay) or at the hub's next pull")
      await status.hubPulled.wait(upTo: delay)
    case .rejected(let reason):
      logger.notice("push: the hub refused an empty push asking its time: \(reason)")
      await signal.wait(upTo: Self.idleRecheck)
    case .unknownToHub(let answer):
      await waitForEnrolment(answer)
    }
  }

  /// The hub does not know this pad (yet): says so in health, and waits to ask again. Not a dead
  /// letter: enrolment at the hub usually comes after provisioning, and then nothing is refused.
  private func waitForEnrolment(_ answer: String) async {
    if status.waitingForEnrolment == nil {
      logger.warning(
        "push: the hub does not know this pad (yet): \(answer); asking again every \(settings.enrolmentRecheck)"
      )
    }
    status.failed()
    status.unknownToHub(answer)
    metrics.syncError("not_enrolled")
    // Jittered, so pads provisioned together do not come back together.
    try? await Task.sleep(for: settings.enrolmentRecheck * Double.random(in: 0.5..<1))
  }

  /// Counts a failed exchange; returns how long to wait before the next.
  private func backOff(after reason: Retry, failures: inout Int) -> Duration {
    failures += 1
    status.failed()
    metrics.syncError(reason.kind)
    return settings.backoff.delay(afterFailures: failures, unit: Double.random(in: 0..<1))
  }

  /// Tops the pipeline up: the batches after `cursor` that are not on their way yet, while there
  /// is room.
  private func send(after cursor: Int64, into inFlight: inout [SentBatch]) async throws(LedgerError) {
    while inFlight.count < Self.inFlightLimit {
      let page = try await ledger.page(
        after: inFlight.last?.page.records.last?.seq ?? cursor, limit: settings.batchSize)
      guard !page.records.isEmpty else { return }
      inFlight.append(
        SentBatch(page: page, wentAhead: !inFlight.isEmpty, answer: Task { [self] in await exchange(page) }))
    }
  }

  /// Forgets the batches still on their way; what the hub stored of them it acknowledges again.
  private static func drop(_ inFlight: inout [SentBatch]) {
    inFlight.forEach { $0.answer.cancel() }
    inFlight.removeAll()
  }

  /// A batch on its way to the hub.
  private struct SentBatch {
    let page: RecordPage
    /// Sent while an earlier batch was still unanswered.
    let wentAhead: Bool
    let answer: Task<Outcome, Never>
  }

  private enum Outcome: Sendable {
    case acknowledged(Acknowledgement)
    case retry(Retry)
    case rejected(String)
    /// The hub does not know this pad's token or key (yet), with its answer.
    case unknownToHub(String)
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
    let sentAt = SystemClock.monotonicNanoseconds()
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
      // Only an answer that acknowledges is the hub's: its time may become the pad's.
      learn(
        HubTime(
          hubMilliseconds: answer.hubTimeMilliseconds,
          hubReceivedMilliseconds: answer.hubReceivedMilliseconds,
          dateHeader: response.headers.first(name: "Date"), sentAtMonotonic: sentAt))
      return .acknowledged(answer)
    case 408, 429, 500...:
      throw Retry(kind: "server", message: "the hub answered \(code)")
    case 401:
      return .unknownToHub("\(code) \(String(buffer: body).prefix(300))")
    case 403 where String(buffer: body).contains("not_enrolled"):
      return .unknownToHub("\(code) \(String(buffer: body).prefix(300))")
    default:
      return .rejected("\(code) \(String(buffer: body).prefix(300))")
    }
  }
}

extension PushClient {
  /// Hands the hub's time on, unless the network's round trip was so long that it is uncertain.
  private func learn(_ time: HubTime?) {
    guard let time else { return }
    guard time.roundTrip <= HubTime.longestRoundTrip else {
      if status.wantsHubTime {
        logger.info(
          "push: the hub's time came after a network round trip of \(time.roundTrip): too uncertain to learn from"
        )
      }
      return
    }
    status.heard(time)
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
