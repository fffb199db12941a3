import RatingModel
import SyncProtocol

extension SQLHubStore {
  /// The alerts' part of storing `records`: a row per bad rating and configured webhook, in the
  /// storing transaction; a rating stored again (a second instance, a page pushed twice) adds none.
  static func admitToAlerts(_ sql: any HubSQL, _ records: [StoredRecord], webhooks: [String], now: Int64)
    async throws
  {
    guard !webhooks.isEmpty else { return }
    for stored in records where stored.record.isBadRating {
      for webhook in webhooks {
        try await sql.execute(
          """
          INSERT INTO alert_deliveries (device, seq, webhook, state, enqueued_ms)
          VALUES (?, ?, ?, 'pending', ?) ON CONFLICT DO NOTHING
          """, [.text(stored.device), .integer(stored.record.seq), .text(webhook), .integer(now)])
      }
    }
  }

  public func configureAlerts(webhooks: [String]) {
    alertWebhooks.withLock { $0 = webhooks }
  }

  public func leaseAlerts(webhooks: [String], holder: String, now: Int64, until: Int64, limit: Int)
    async throws -> [AlertDeliveryEntry]
  {
    guard !webhooks.isEmpty, limit > 0 else { return [] }
    let names = webhooks.map { _ in "?" }.joined(separator: ", ")
    // As the uplink's lease: re-checked row by row as it is taken, so two instances picking the
    // same rows take each once; a holder takes back its own (a hub restarted under its name).
    let free = "(lease_until_ms IS NULL OR lease_until_ms < ? OR lease_holder = ?)"
    let leased = try await database.rows(
      """
      UPDATE alert_deliveries SET lease_holder = ?, lease_until_ms = ?
      WHERE state <> 'delivered' AND next_attempt_ms <= ? AND \(free) AND (device, seq, webhook) IN (
        SELECT device, seq, webhook FROM alert_deliveries
        WHERE state <> 'delivered' AND next_attempt_ms <= ? AND \(free) AND webhook IN (\(names))
        ORDER BY enqueued_ms, device, seq LIMIT ?)
      RETURNING device, seq, webhook, attempts
      """,
      [
        .text(holder), .integer(until), .integer(now), .integer(now), .text(holder), .integer(now),
        .integer(now),
      ]
        + [.text(holder)] + webhooks.map { .text($0) } + [.integer(Int64(limit))])
    var entries: [AlertDeliveryEntry] = []
    for key in leased {
      guard let device = key[0].text, let seq = key[1].integer, let webhook = key[2].text,
        let row = try await database.rows(
          """
          SELECT r.body, r.wall_ms, d.card, d.name FROM records r JOIN devices d ON d.fingerprint = r.device
          WHERE r.device = ? AND r.seq = ?
          """, [.text(device), .integer(seq)]
        ).first
      else { continue }
      let record = try HubJSON.record(row[0].text ?? "")
      entries.append(
        AlertDeliveryEntry(
          device: device, seq: seq, webhook: webhook, attempts: Int(key[3].integer ?? 0),
          alert: BadRatingAlert(
            record: record, wallMilliseconds: row[1].integer ?? record.wallMilliseconds,
            card: try HubJSON.decode(DeviceCard.self, row[2].text ?? ""), deviceName: row[3].text ?? "",
            reasonCodes: try await reasons(of: record, device: device))))
    }
    return entries
  }

  /// The reasons of a rating as stored so far: its own, or the last reasons record answering its
  /// prompt (the pad writes them after the rating, when the citizen has chosen).
  private func reasons(of record: WireRecord, device: String) async throws -> [String] {
    guard record.reasons.isEmpty, let prompt = record.promptID else { return record.reasons }
    guard
      let body = try await database.rows(
        """
        SELECT body FROM records WHERE device = ? AND prompt_id = ? AND kind = 'reasons' AND seq > ?
        ORDER BY seq DESC LIMIT 1
        """, [.text(device), .text(prompt), .integer(record.seq)]
      ).first?[0].text
    else { return [] }
    return try HubJSON.record(body).reasons
  }

  public func recordAlerts(_ outcomes: [(entry: AlertDeliveryEntry, outcome: AlertOutcome)], now: Int64)
    async throws
  {
    try await database.transaction { sql in
      for (entry, outcome) in outcomes {
        let key: [SQLValue] = [.text(entry.device), .integer(entry.seq), .text(entry.webhook)]
        let release = "lease_holder = NULL, lease_until_ms = NULL"
        switch outcome {
        case .delivered(let status):
          try await sql.execute(
            """
            UPDATE alert_deliveries SET state = 'delivered', last_status = ?, delivered_ms = ?,
              attempts = attempts + 1, \(release) WHERE device = ? AND seq = ? AND webhook = ?
            """, [.integer(Int64(status)), .integer(now)] + key)
        case .retry(let at, let status, let why):
          // Failing once tried `failingAfter` times, and still sent again: never given up silently.
          try await sql.execute(
            """
            UPDATE alert_deliveries SET last_status = ?, last_error = ?, next_attempt_ms = ?,
              attempts = attempts + 1,
              state = CASE WHEN attempts + 1 >= ? THEN 'failing' ELSE 'pending' END, \(release)
            WHERE device = ? AND seq = ? AND webhook = ? AND state <> 'delivered'
            """,
            [
              status.map { SQLValue.integer(Int64($0)) } ?? SQLValue.null, .text(String(why.prefix(500))),
              .integer(at),
              .integer(Int64(AlertDeliverer.failingAfter)),
            ] + key)
        }
      }
    }
  }

  public func alertDeliveries(limit: Int) async throws -> [AlertDeliveryRow] {
    try await database.rows(
      """
      SELECT a.device, a.seq, a.webhook, a.state, a.attempts, a.last_status, a.last_error, a.enqueued_ms,
        a.next_attempt_ms, a.delivered_ms, r.uuid, r.level, r.wall_ms, coalesce(d.name, ''), r.txn_window,
        r.staff, r.department
      FROM alert_deliveries a JOIN records r ON r.device = a.device AND r.seq = a.seq
      LEFT JOIN devices d ON d.fingerprint = a.device
      ORDER BY a.enqueued_ms DESC, a.device, a.seq DESC, a.webhook LIMIT ?
      """, [.integer(Int64(min(max(limit, 0), 10_000)))]
    ).map { row in
      AlertDeliveryRow(
        device: row[0].text ?? "", seq: row[1].integer ?? 0, webhook: row[2].text ?? "",
        state: AlertDeliveryState(rawValue: row[3].text ?? "") ?? .pending,
        attempts: Int(row[4].integer ?? 0),
        lastStatus: row[5].integer.map { Int($0) }, lastError: row[6].text ?? "",
        enqueuedMilliseconds: row[7].integer ?? 0, nextAttemptMilliseconds: row[8].integer ?? 0,
        deliveredMilliseconds: row[9].integer, uuid: row[10].text ?? "", level: row[11].text ?? "",
        ratedMilliseconds: row[12].integer ?? 0, deviceName: row[13].text ?? "", window: row[14].text ?? "",
        staffNumber: row[15].text ?? "", department: row[16].text ?? "")
    }
  }

  public func alertSummary() async throws -> AlertSummary {
    var summary = AlertSummary(counts: [:], oldestUndeliveredMilliseconds: nil)
    for row in try await database.rows(
      "SELECT webhook, state, count(*) FROM alert_deliveries GROUP BY webhook, state", [])
    {
      guard let webhook = row[0].text, let state = AlertDeliveryState(rawValue: row[1].text ?? "") else {
        continue
      }
      summary.counts[webhook, default: [:]][state] = Int(row[2].integer ?? 0)
    }
    summary.oldestUndeliveredMilliseconds = try await database.scalar(
      "SELECT min(enqueued_ms) FROM alert_deliveries WHERE state <> 'delivered'")?.integer
    return summary
  }
}

extension WireRecord {
  /// A rating at a bad level (不满意, 非常不满意): what the alerts announce.
  var isBadRating: Bool {
    kind == "rating" && (level.flatMap(SatisfactionLevel.init(rawValue:))?.isBad ?? false)
  }
}
