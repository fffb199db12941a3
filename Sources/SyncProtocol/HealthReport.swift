/// The pad's health, for the hub and the technician: each part, the backlog, the last sync, faults.
public struct HealthReport: Codable, Sendable, Equatable {
  /// `ok`, or `fault` when anything below is wrong.
  public var status: String
  /// `ok`, `headless`, or what is wrong with the display.
  public var screen: String
  /// `ok` with the number of panels, or `none`.
  public var touch: String
  /// `ok`, or the ledger's problem (e.g. disk full).
  public var storage: String
  /// The wall clock, ISO 8601, so a wrong clock shows.
  public var clock: String
  /// Records the hub has not acknowledged.
  public var backlog: Int
  /// Wall-clock milliseconds of the oldest of those.
  public var oldestUnacknowledgedMilliseconds: Int64?
  /// Wall-clock milliseconds of the last successful push or acknowledged pull.
  public var lastSyncMilliseconds: Int64?
  /// Batches the hub refused, kept on the device.
  public var deadLetters: Int
  /// Fault codes now raised, e.g. `E-TOUCH-NONE`.
  public var faults: [String]
  /// Whether the pad knows the wall time, and why: `known (synchronised)`, `known (hub)`, … or
  /// `unknown` (its records are marked so, and the hub re-dates them); absent from older agents.
  public var clockKnown: String?
  /// The hub's answer while it does not know this pad (yet): the pad asks again on a long
  /// backoff; absent once the hub has acknowledged, and from older agents.
  public var waitingForEnrolment: String?

  enum CodingKeys: String, CodingKey {
    case status, screen, touch, storage, clock, backlog, faults
    case oldestUnacknowledgedMilliseconds = "oldest_unacknowledged_ms"
    case lastSyncMilliseconds = "last_sync_ms"
    case deadLetters = "dead_letters"
    case clockKnown = "clock_known"
    case waitingForEnrolment = "waiting_for_enrolment"
  }

  /// Makes a report.
  public init(
    screen: String, touch: String, storage: String, clock: String, backlog: Int,
    oldestUnacknowledgedMilliseconds: Int64?, lastSyncMilliseconds: Int64?, deadLetters: Int,
    faults: [String],
    clockKnown: String? = nil, waitingForEnrolment: String? = nil
  ) {
    self.status = faults.isEmpty ? "ok" : "fault"
    self.screen = screen
    self.touch = touch
    self.storage = storage
    self.clock = clock
    self.backlog = backlog
    self.oldestUnacknowledgedMilliseconds = oldestUnacknowledgedMilliseconds
    self.lastSyncMilliseconds = lastSyncMilliseconds
    self.deadLetters = deadLetters
    self.faults = faults
    self.clockKnown = clockKnown
    self.waitingForEnrolment = waitingForEnrolment
  }
}
