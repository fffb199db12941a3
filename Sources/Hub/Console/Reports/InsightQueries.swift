import RatingModel

/// What the console's reports, fleet and audit pages read beyond `HubStore`: ratings counted
/// within a user's scope (by unit, and by day for the chart), the pads' last faults and clocks,
/// the outbox a few rows at a time, and the audit log a page at a time. Each is one aggregate
/// query, so a page never loads a million records.
public protocol InsightQueries: Sendable {
  /// Ratings made in `period` (all time when nil) within `scope`, counted per device, level and
  /// the dimension's value; by staff or service item not per device (its `device` is "").
  func tallies(by dimension: SatisfactionReport.Dimension, in period: ReportPeriod?, scope: RatingScope)
    async throws -> [RatingTally]
  /// Ratings made in `period` within `scope`, counted per day (the halls' time) and level.
  func dailyCounts(in period: ReportPeriod?, scope: RatingScope) async throws -> [DayCount]
  /// What the records say of each device's health, by fingerprint: its last fault and its clock.
  func deviceConditions() async throws -> [String: DeviceCondition]
  /// The outbox's entries in `state`, oldest first, at most `limit`.
  func uplinkEntries(in state: OutboxState, limit: Int) async throws -> [OutboxRow]
  /// The audit log newest first, `limit` entries after skipping `offset`.
  func auditLog(newestFirstFrom offset: Int, limit: Int) async throws -> [AuditEntry]
  /// How many entries the audit log holds.
  func auditCount() async throws -> Int
}

/// The ratings of one day at one level.
public struct DayCount: Sendable, Equatable {
  /// The day, in the halls' time.
  public var day: CivilDate
  public var level: SatisfactionLevel
  public var count: Int
}

/// A device's health as its stored records tell it.
public struct DeviceCondition: Sendable, Equatable {
  /// The code of the last fault it recorded (e.g. `E-TOUCH-NONE`), and when.
  public var lastFault: String?
  public var lastFaultMilliseconds: Int64?
  /// How the time of its newest stored record stands.
  public var clock: ClockCorrection.Standing?
  /// Its records still waiting for the hub to establish their time.
  public var uncorrected = 0
}
