import RatingModel
import SyncProtocol

extension SQLHubStore {
  /// The outbox's part of storing `records` (`OutboxAdmission`), in the storing transaction.
  static func admitToOutbox(_ sql: any HubSQL, _ records: [StoredRecord], device: String, now: Int64)
    async throws
  {
    for stored in records {
      switch OutboxAdmission.of(stored.record) {
      case .none: break
      case .enqueue(let caseNumber, let stage, let state, let reasons):
        // One rating per case and stage goes to the province: a second is kept out, named.
        if let first = try await sql.rows(
          "SELECT device, seq FROM uplink_outbox WHERE case_number = ? AND stage = ? AND state <> 'not_forwardable'",
          [.text(caseNumber), .text(stage)]
        ).first {
          try await insert(
            sql, stored, caseNumber: caseNumber, stage: stage, state: .notForwardable, reasons: reasons,
            why:
              "case \(caseNumber) (\(stage)) was rated already: \(first[0].text ?? "") seq \(first[1].integer ?? 0)",
            now: now)
        } else {
          try await insert(
            sql, stored, caseNumber: caseNumber, stage: stage, state: state, reasons: reasons, why: "",
            now: now)
        }
      case .notForwardable(let caseNumber, let stage, let why):
        try await insert(
          sql, stored, caseNumber: caseNumber, stage: stage, state: .notForwardable, reasons: nil, why: why,
          now: now)
      case .reasons(let promptID, let codes):
        try await sql.execute(
          """
          UPDATE uplink_outbox SET reasons = ?,
            state = CASE WHEN state = 'awaiting_reasons' THEN 'pending' ELSE state END
          WHERE device = ? AND reasons IS NULL AND seq IN (
            SELECT seq FROM records WHERE device = ? AND kind = 'rating' AND prompt_id = ?)
          """, [.text(codes), .text(device), .text(device), .text(promptID)])
      }
    }
  }

  private static func insert(
    _ sql: any HubSQL, _ stored: StoredRecord, caseNumber: String, stage: String, state: OutboxState,
    reasons: String?, why: String, now: Int64
  ) async throws {
    try await sql.execute(
      """
      INSERT INTO uplink_outbox (device, seq, case_number, stage, state, why, reasons, enqueued_ms)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
      """,
      [
        .text(stored.device), .integer(stored.record.seq), .text(caseNumber), .text(stage),
        .text(state.rawValue),
        .text(why), SQLValue(reasons), .integer(now),
      ])
  }

  public func leaseUplink(holder: String, now: Int64, until: Int64, limit: Int) async throws -> [OutboxEntry]
  {
    // The lease is re-checked row by row as it is taken, so two instances picking the same rows
    // take each once; a holder takes back its own (a hub restarted under the same name).
    let free = "(lease_until_ms IS NULL OR lease_until_ms < ? OR lease_holder = ?)"
    let leased = try await database.rows(
      """
      UPDATE uplink_outbox SET lease_holder = ?, lease_until_ms = ?
      WHERE state = 'pending' AND next_attempt_ms <= ? AND \(free) AND (device, seq) IN (
        SELECT o.device, o.seq FROM uplink_outbox o JOIN records r ON r.device = o.device AND r.seq = o.seq
        WHERE o.state = 'pending' AND o.next_attempt_ms <= ? AND r.clock <> 'uncorrected'
          AND (o.lease_until_ms IS NULL OR o.lease_until_ms < ? OR o.lease_holder = ?)
        ORDER BY o.enqueued_ms, o.device, o.seq LIMIT ?)
      RETURNING device, seq
      """,
      [
        .text(holder), .integer(until), .integer(now), .integer(now), .text(holder), .integer(now),
        .integer(now),
        .text(holder), .integer(Int64(limit)),
      ])
    guard !leased.isEmpty else { return [] }
    var entries: [OutboxEntry] = []
    for key in leased {
      guard let device = key[0].text, let seq = key[1].integer,
        let row = try await database.rows(
          """
          SELECT o.case_number, o.stage, coalesce(o.reasons, ''), o.attempts, r.body, r.wall_ms, d.card
          FROM uplink_outbox o JOIN records r ON r.device = o.device AND r.seq = o.seq
          JOIN devices d ON d.fingerprint = o.device WHERE o.device = ? AND o.seq = ?
          """, [.text(device), .integer(seq)]
        ).first
      else { continue }
      entries.append(
        OutboxEntry(
          device: device, seq: seq, caseNumber: row[0].text ?? "", stage: row[1].text ?? "",
          reasons: row[2].text ?? "", attempts: Int(row[3].integer ?? 0),
          record: try HubJSON.record(row[4].text ?? ""),
          wallMilliseconds: row[5].integer ?? 0, card: try HubJSON.decode(DeviceCard.self, row[6].text ?? ""))
      )
    }
    return entries.sorted { ($0.wallMilliseconds, $0.seq) < ($1.wallMilliseconds, $1.seq) }
  }

  public func recordUplink(_ outcomes: [(entry: OutboxEntry, outcome: OutboxOutcome)], now: Int64)
    async throws
  {
    try await database.transaction { sql in
      for (entry, outcome) in outcomes {
        let key: [SQLValue] = [.text(entry.device), .integer(entry.seq)]
        let release = "lease_holder = NULL, lease_until_ms = NULL"
        switch outcome {
        case .sent(let provinceID, let note):
          try await sql.execute(
            "UPDATE uplink_outbox SET state = 'sent', province_id = ?, why = ?, sent_ms = ?, attempts = attempts + 1, \(release) WHERE device = ? AND seq = ?",
            [SQLValue(provinceID), .text(note), .integer(now)] + key)
        case .refused(let text):
          try await sql.execute(
            "UPDATE uplink_outbox SET state = 'refused', why = ?, attempts = attempts + 1, \(release) WHERE device = ? AND seq = ?",
            [.text(text)] + key)
        case .retry(let at, let why):
          try await sql.execute(
            "UPDATE uplink_outbox SET why = ?, next_attempt_ms = ?, attempts = attempts + 1, \(release) WHERE device = ? AND seq = ?",
            [.text(why), .integer(at)] + key)
        case .waiting(let at, let why):
          try await sql.execute(
            "UPDATE uplink_outbox SET why = ?, next_attempt_ms = ?, \(release) WHERE device = ? AND seq = ?",
            [.text(why), .integer(at)] + key)
        }
      }
    }
  }

  public func settleAwaitingReasons(enqueuedBefore before: Int64) async throws -> Int {
    try await database.rows(
      """
      UPDATE uplink_outbox SET state = 'pending', reasons = '',
        why = 'no reasons recorded: forwarded without any'
      WHERE state = 'awaiting_reasons' AND enqueued_ms < ? RETURNING seq
      """, [.integer(before)]
    ).count
  }

  public func uplinkEntries(case caseNumber: String?, states: [OutboxState]) async throws -> [OutboxRow] {
    var clauses: [String] = []
    var values: [SQLValue] = []
    if let caseNumber {
      clauses.append("case_number = ?")
      values.append(.text(caseNumber))
    }
    if !states.isEmpty {
      clauses.append("state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
      values += states.map { .text($0.rawValue) }
    }
    let filter = clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")
    return try await database.rows(
      """
      SELECT device, seq, case_number, stage, state, why, province_id, attempts, enqueued_ms, sent_ms
      FROM uplink_outbox \(filter) ORDER BY enqueued_ms, device, seq
      """, values
    ).map { row in
      OutboxRow(
        device: row[0].text ?? "", seq: row[1].integer ?? 0, caseNumber: row[2].text ?? "",
        stage: row[3].text ?? "",
        state: OutboxState(rawValue: row[4].text ?? "") ?? .pending, why: row[5].text ?? "",
        provinceID: row[6].text,
        attempts: Int(row[7].integer ?? 0), enqueuedMilliseconds: row[8].integer ?? 0,
        sentMilliseconds: row[9].integer)
    }
  }

  public func uplinkSummary() async throws -> UplinkSummary {
    var summary = UplinkSummary(counts: [:], oldestUnsentMilliseconds: nil)
    for row in try await database.rows("SELECT state, count(*) FROM uplink_outbox GROUP BY state", []) {
      if let state = OutboxState(rawValue: row[0].text ?? "") {
        summary.counts[state] = Int(row[1].integer ?? 0)
      }
    }
    // One state at a time, so each minimum is read off `uplink_by_state_age` (the IN of both
    // scanned every entry: 340 ms over a million); the held ones found from the few records
    // whose time is unknown, not from every pending entry (1 s over 840,000).
    summary.oldestUnsentMilliseconds = try await database.scalar(
      """
      SELECT min(oldest) FROM (
        SELECT min(enqueued_ms) AS oldest FROM uplink_outbox WHERE state = 'pending'
        UNION ALL SELECT min(enqueued_ms) AS oldest FROM uplink_outbox WHERE state = 'awaiting_reasons') unsent
      """)?.integer
    summary.awaitingClock = Int(
      try await database.scalar(
        """
        SELECT count(*) FROM records r WHERE r.clock = 'uncorrected' AND EXISTS (
          SELECT 1 FROM uplink_outbox o WHERE o.device = r.device AND o.seq = r.seq AND o.state = 'pending')
        """)?.integer ?? 0)
    return summary
  }

  public func retryRefused(case caseNumber: String?, audit: AuditEntry) async throws -> Int {
    try await database.transaction { sql in
      let retried = try await sql.rows(
        """
        UPDATE uplink_outbox SET state = 'pending', next_attempt_ms = 0
        WHERE state = 'refused' AND (? = '' OR case_number = ?) RETURNING seq
        """, [.text(caseNumber ?? ""), .text(caseNumber ?? "")]
      ).count
      if retried > 0 {
        try await sql.insert(into: "audit_log", columns: AuditEntry.columns, rows: [audit.row])
      }
      return retried
    }
  }
}
