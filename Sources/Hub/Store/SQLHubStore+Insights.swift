import RatingModel
import SyncProtocol

extension SQLHubStore {
  public func tallies(
    by dimension: SatisfactionReport.Dimension, in period: ReportPeriod?, scope: RatingScope
  ) async throws -> [RatingTally] {
    try await tallies(by: dimension, in: period, scope: scope, perDevice: false)
  }

  /// The tallies, split by device for every dimension when `perDevice` (`HubStore.tallies`).
  func tallies(
    by dimension: SatisfactionReport.Dimension, in period: ReportPeriod?, scope: RatingScope, perDevice: Bool
  ) async throws -> [RatingTally] {
    let (from, to) = period.bounds
    let grouping = RecordColumns.grouping(dimension, perDevice: perDevice)
    let condition = scope.condition
    return try await database.rows(
      """
      SELECT \(grouping.device), \(grouping.key), level, count(*) FROM records
      WHERE kind = 'rating' AND wall_ms >= ? AND wall_ms < ? AND \(condition.sql) GROUP BY \(grouping.groupBy)
      """, [.integer(from), .integer(to)] + condition.values
    ).compactMap { row in
      guard let level = SatisfactionLevel(rawValue: row[2].text ?? "") else { return nil }
      return RatingTally(
        device: row[0].text ?? "", key: row[1].text ?? "", level: level, count: Int(row[3].integer ?? 0))
    }
  }

  public func dailyCounts(in period: ReportPeriod?, scope: RatingScope) async throws -> [DayCount] {
    let (from, to) = period.bounds
    let condition = scope.condition
    // The day in the halls' time: integer division on both engines (wall_ms is never negative).
    let day = "(wall_ms + \(CivilDate.utcOffsetSeconds * 1000)) / 86400000"
    return try await database.rows(
      """
      SELECT \(day) AS day, level, count(*) FROM records
      WHERE kind = 'rating' AND wall_ms >= ? AND wall_ms < ? AND \(condition.sql) GROUP BY \(day), level
      """, [.integer(max(0, from)), .integer(to)] + condition.values
    ).compactMap { row in
      guard let level = SatisfactionLevel(rawValue: row[1].text ?? ""), let day = row[0].integer else {
        return nil
      }
      return DayCount(day: CivilDate(daysSinceEpoch: Int(day)), level: level, count: Int(row[2].integer ?? 0))
    }
  }

  public func deviceConditions() async throws -> [String: DeviceCondition] {
    var conditions: [String: DeviceCondition] = [:]
    for row in try await database.rows(
      """
      SELECT r.device, r.body, r.wall_ms FROM records r JOIN (
        SELECT device, max(seq) AS seq FROM records WHERE kind = 'fault' GROUP BY device) f
      ON r.device = f.device AND r.seq = f.seq
      """, [])
    {
      let device = row[0].text ?? ""
      // A body that does not read still names a fault, just not which.
      conditions[device, default: DeviceCondition()].lastFault =
        (try? HubJSON.record(row[1].text ?? ""))?.detail ?? "?"
      conditions[device, default: DeviceCondition()].lastFaultMilliseconds = row[2].integer
    }
    // From the devices, a lookup each: as a join, SQLite scanned every record (517 ms over a
    // million; 7 ms so).
    for row in try await database.rows(
      """
      SELECT d.fingerprint, (SELECT r.clock FROM records r WHERE r.device = d.fingerprint AND r.seq = d.last_seq)
      FROM devices d
      """, [])
    {
      guard let clock = row[1].text else { continue }
      conditions[row[0].text ?? "", default: DeviceCondition()].clock = ClockCorrection.Standing(
        rawValue: clock)
    }
    for row in try await database.rows(
      "SELECT device, count(*) FROM records WHERE clock = 'uncorrected' GROUP BY device", [])
    {
      conditions[row[0].text ?? "", default: DeviceCondition()].uncorrected = Int(row[1].integer ?? 0)
    }
    return conditions
  }

  public func uplinkEntries(in state: OutboxState, limit: Int) async throws -> [OutboxRow] {
    // The state written out (one of ours), so the pending entries' partial index serves the order.
    try await database.rows(
      """
      SELECT device, seq, case_number, stage, state, why, province_id, attempts, enqueued_ms, sent_ms
      FROM uplink_outbox WHERE state = '\(state.rawValue)' ORDER BY enqueued_ms, device, seq LIMIT ?
      """, [.integer(Int64(max(0, limit)))]
    ).map { row in
      OutboxRow(
        device: row[0].text ?? "", seq: row[1].integer ?? 0, caseNumber: row[2].text ?? "",
        stage: row[3].text ?? "", state: OutboxState(rawValue: row[4].text ?? "") ?? state,
        why: row[5].text ?? "", provinceID: row[6].text, attempts: Int(row[7].integer ?? 0),
        enqueuedMilliseconds: row[8].integer ?? 0, sentMilliseconds: row[9].integer)
    }
  }

  public func auditLog(newestFirstFrom offset: Int, limit: Int) async throws -> [AuditEntry] {
    try await database.rows(
      """
      SELECT \(AuditEntry.columns.joined(separator: ", ")) FROM audit_log
      ORDER BY at_ms DESC, actor, action, subject LIMIT ? OFFSET ?
      """, [.integer(Int64(max(0, limit))), .integer(Int64(max(0, offset)))]
    ).map(AuditEntry.init(row:))
  }

  public func auditCount() async throws -> Int {
    Int(try await database.scalar("SELECT count(*) FROM audit_log")?.integer ?? 0)
  }
}
