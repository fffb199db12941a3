import Foundation
import Logging
import ProvinceInterface
import SyncProtocol

/// Sends the outbox to the province: leases due entries, writes each in the profile's form,
/// sends them in the profile's batches, and records every answer. Runs in each hub instance;
/// the leases keep instances from sending one rating at the same time.
struct UplinkForwarder: Sendable {
  let outbox: any UplinkOutbox
  let client: ProvinceClient
  let configuration: UplinkConfiguration
  /// The case's details by case number, as `UplinkItem` names them (empty until they come).
  let caseValues: @Sendable (String) async throws -> [String: String]
  /// Told when the province holds a case's rating (the case's personal data may then be forgotten).
  let forwarded: @Sendable (String) async -> Void
  let holder: String
  /// Woken when this instance stores records; another instance's are found within `idle`.
  let wake: WakeSignal
  let metrics: UplinkMetrics
  let logger: Logger
  let backoff = Backoff(base: .seconds(5), cap: .seconds(600))
  /// How often to look for due entries when nothing is happening.
  let idle: Duration = .milliseconds(500)

  /// Forwards until cancelled.
  func run() async {
    var lastProblem: String?
    while !Task.isCancelled {
      do {
        let sent = try await forwardOnce()
        if lastProblem != nil { logger.notice("uplink: the outbox is readable again") }
        lastProblem = nil
        if sent == 0 { await wake.wait(upTo: idle) }
      } catch {
        let problem = "\(error)"
        if problem != lastProblem { logger.error("uplink: \(problem)") }
        lastProblem = problem
        try? await Task.sleep(for: .seconds(2))
      }
    }
  }

  /// One round: settles bad ratings whose reasons never came, leases what is due, sends it.
  /// Returns how many entries it handled.
  func forwardOnce() async throws -> Int {
    let profile = configuration.profile
    let now = Self.now()
    _ = try await outbox.settleAwaitingReasons(
      enqueuedBefore: now - Int64(configuration.awaitingReasons.components.seconds) * 1000)
    // A lease outlives a request's timeout, so a slow answer is never taken over while in flight.
    let lease = Int64(profile.timeoutSeconds * 2 + 10) * 1000
    let entries = try await outbox.leaseUplink(
      holder: holder, now: now, until: now + lease, limit: profile.batch * profile.concurrency)
    guard !entries.isEmpty else { return 0 }
    var ready: [(OutboxEntry, [(String, String)])] = []
    var outcomes: [(entry: OutboxEntry, outcome: OutboxOutcome)] = []
    for entry in entries {
      do {
        let values = try await caseValues(entry.caseNumber)
        let fields = try profile.fields(
          for: entry.item(caseValues: values), settings: configuration.connection.settings)
        ready.append((entry, fields))
      } catch let problem as ItemProblem {
        // A missing value may come (the case's details); one the profile cannot write needs a person.
        outcomes.append(
          (
            entry,
            problem.mayClear
              ? .waiting(at: now + 30_000, why: "waiting: \(problem)")
              : .refused("not sent: the hub cannot write it for \(profile.name): \(problem)")
          ))
      }
    }
    try await outbox.recordUplink(outcomes, now: Self.now())
    let batches = stride(from: 0, to: ready.count, by: profile.batch).map {
      Array(ready[$0..<min(ready.count, $0 + profile.batch)])
    }
    await withTaskGroup(of: Void.self) { group in
      for batch in batches {
        group.addTask { await send(batch) }
      }
    }
    return entries.count
  }

  /// Sends one batch and records the answers; a refused batch of several is sent again one by one
  /// (interfaces refuse a batch whole for one bad rating in it).
  private func send(_ batch: [(OutboxEntry, [(String, String)])]) async {
    var answers = await client.send(batch.map(\.1))
    if batch.count > 1,
      answers.contains(where: { if case .refused = $0 { true } else { false } })
        || answers.contains(where: { if case .duplicate = $0 { true } else { false } })
    {
      answers = []
      for item in batch { answers += await client.send([item.1]) }
    }
    let now = Self.now()
    var outcomes: [(entry: OutboxEntry, outcome: OutboxOutcome)] = []
    for ((entry, _), answer) in zip(batch, answers) {
      switch answer {
      case .stored(let id): outcomes.append((entry, .sent(provinceID: id, note: "")))
      case .duplicate(let text):
        outcomes.append((entry, .sent(provinceID: nil, note: "already stored at the province: \(text)")))
      case .refused(let text):
        logger.warning("uplink: case \(entry.caseNumber) refused by \(configuration.profile.name): \(text)")
        outcomes.append((entry, .refused(text)))
      case .transient(let reason):
        let delay = backoff.delay(afterFailures: entry.attempts + 1, unit: Double.random(in: 0.5..<1))
        let at =
          now + Int64(delay.components.seconds) * 1000
          + Int64(delay.components.attoseconds / 1_000_000_000_000_000)
        outcomes.append((entry, .retry(at: at, why: reason)))
      }
    }
    do {
      try await outbox.recordUplink(outcomes, now: now)
      metrics.forwarded(outcomes.filter { if case .sent = $0.outcome { true } else { false } }.count)
      metrics.refused(outcomes.filter { if case .refused = $0.outcome { true } else { false } }.count)
      metrics.failed(outcomes.filter { if case .retry = $0.outcome { true } else { false } }.count)
    } catch {
      // The leases run out and the entries are sent again: the province answers "already stored".
      logger.error("uplink: cannot record the province's answers (they will be sent again): \(error)")
      return
    }
    for (entry, outcome) in outcomes {
      if case .sent = outcome { await forwarded(entry.caseNumber) }
    }
  }

  static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
