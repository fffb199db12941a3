import SyncProtocol

/// The hub's outbox to the province: every stored rating of a case enters it in the transaction
/// that stores it (`SQLHubStore.append`); forwarders lease due entries, so hub instances sharing a
/// database never send one at the same time, and record each answer.
public protocol UplinkOutbox: Sendable {
  /// Leases up to `limit` due entries for `holder` until `until` (milliseconds): pending, due, not
  /// leased by another holder, with a known time; oldest first.
  func leaseUplink(holder: String, now: Int64, until: Int64, limit: Int) async throws -> [OutboxEntry]
  /// Records what became of leased entries, and releases them.
  func recordUplink(_ outcomes: [(entry: OutboxEntry, outcome: OutboxOutcome)], now: Int64) async throws
  /// Forwards with no reasons the bad ratings whose reasons never came by `before` (a pad that
  /// does not record a closed reasons screen); returns how many.
  func settleAwaitingReasons(enqueuedBefore before: Int64) async throws -> Int
  /// Every entry of `caseNumber` (all cases when nil) in `states` (all when empty).
  func uplinkEntries(case caseNumber: String?, states: [OutboxState]) async throws -> [OutboxRow]
  /// Counts by state, and the enqueue time of the oldest entry still to send.
  func uplinkSummary() async throws -> UplinkSummary
  /// Sends refused entries again (of `caseNumber`, or all), writing `audit` in the same
  /// transaction; returns how many.
  func retryRefused(case caseNumber: String?, audit: AuditEntry) async throws -> Int
}

/// A leased entry: the rating as stored, and what the forwarder needs to write it out.
public struct OutboxEntry: Sendable {
  public let device: String
  public let seq: Int64
  public let caseNumber: String
  public let stage: String
  /// The reasons' codes, comma-separated (empty: none).
  public let reasons: String
  public let attempts: Int
  /// The rating record, and its time as the hub keeps it.
  public let record: WireRecord
  public let wallMilliseconds: Int64
  /// The pad's card.
  public let card: DeviceCard
}

/// What became of one leased entry.
public enum OutboxOutcome: Sendable, Equatable {
  /// The province holds it (its id; `note` says when it was an "already stored").
  case sent(provinceID: String?, note: String)
  /// Refused, with the text.
  case refused(String)
  /// Send again at `at` (milliseconds), after a failure counted as an attempt.
  case retry(at: Int64, why: String)
  /// Not sent: a value it needs is not known yet; look again at `at` (not an attempt).
  case waiting(at: Int64, why: String)
}

/// One outbox entry as operators see it.
public struct OutboxRow: Sendable, Equatable {
  public let device: String
  public let seq: Int64
  public let caseNumber: String
  public let stage: String
  public let state: OutboxState
  /// Why it is not forwardable, the refusal's text, or the last failure's.
  public let why: String
  public let provinceID: String?
  public let attempts: Int
  public let enqueuedMilliseconds: Int64
  public let sentMilliseconds: Int64?
}

/// The outbox at a glance.
public struct UplinkSummary: Sendable, Equatable {
  public var counts: [OutboxState: Int]
  /// When the oldest entry still to send (pending or awaiting reasons) entered, if any.
  public var oldestUnsentMilliseconds: Int64?
  /// Pending ratings written while their pad's clock was unknown: held until the hub establishes
  /// their time (`ClockCorrection`), since a province is never sent a time the hub guessed.
  public var awaitingClock = 0
}
