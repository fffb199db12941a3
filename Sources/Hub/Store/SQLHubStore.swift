import Logging
import RatingModel
import RecordChain
import SyncProtocol
import Synchronization

/// The hub's store, written once for both engines: SQLite on one machine (the default),
/// PostgreSQL for several hub instances (`HubDatabase`; the differences are `SQLDialect`'s).
public final class SQLHubStore: HubStore {
  let database: any HubDatabase
  /// The webhooks a bad rating stored now is enqueued for (`configureAlerts`).
  let alertWebhooks = Mutex<[String]>([])

  /// Opens (or creates) a SQLite database file.
  public convenience init(sqlitePath path: String) throws {
    self.init(try SQLiteHubDatabase(path: path))
  }

  /// Connects to `postgres://user[:password]@host[:port]/database`.
  public convenience init(postgresURL url: String, logger: Logger) throws {
    self.init(try PostgresHubDatabase(url: url, logger: logger))
  }

  private init(_ database: any HubDatabase) { self.database = database }

  public func prepare() async throws { try await HubSchema.migrate(database) }

  public func cases(sealing seal: IdentitySeal, retentionDays: Int) -> any CaseStore {
    // Clamped as the configuration's range is, so no caller can overflow the milliseconds.
    let days = min(max(retentionDays, 0), CasesConfiguration.retentionRange.upperBound)
    return SQLCaseStore(database: database, seal: seal, retentionMilliseconds: Int64(days) * 86_400_000)
  }

  /// The version of the schema the database is at (`HubSchema.migrations`).
  func schemaVersion() async throws -> Int64? {
    try await database.scalar("SELECT max(version) FROM hub_migrations")?.integer
  }

  public func device(_ fingerprint: String) async throws -> EnrolledDevice? {
    try await devices(where: "WHERE fingerprint = ?", [.text(fingerprint)]).first
  }

  public func device(named name: String) async throws -> EnrolledDevice? {
    // The key that has not handed over (a ledger that started over moved on to its successor),
    // the newest enrolled first (a pad re-keyed and enrolled again shows its new key); among those
    // enrolled before the time was kept, the first: SQLite's rowid order, PostgreSQL's.
    try await devices(
      where: """
        WHERE name = ? ORDER BY CASE WHEN handed_over_to IS NULL THEN 0 ELSE 1 END,
          coalesce(enrolled_ms, 0) DESC LIMIT 1
        """, [.text(name)]
    ).first
  }

  public func devices() async throws -> [EnrolledDevice] {
    try await devices(where: "ORDER BY name", [])
  }

  public func device(withTokenHash tokenHash: String) async throws -> EnrolledDevice? {
    try await devices(where: "WHERE token_hash = ?", [.text(tokenHash)]).first
  }

  private func devices(where clause: String, _ values: [SQLValue]) async throws -> [EnrolledDevice] {
    try await database.rows("SELECT \(HubSchema.deviceColumns) FROM devices \(clause)", values).map {
      try EnrolledDevice(row: $0)
    }
  }

  public func enrolPad(_ card: DeviceCard, name: String, tokenHash: String) async throws {
    let encoded = try HubJSON.encode(card)
    try await database.transaction { sql in
      // A push token is one pad's: it moves to a new key of the same pad (re-keyed), never
      // silently from another pad; a key that handed over is enrolled no more.
      for row in try await sql.rows(
        "SELECT fingerprint, name FROM devices WHERE token_hash = ? AND fingerprint <> ?",
        [.text(tokenHash), .text(card.fingerprint)])
      {
        let (holder, holderName) = (row[0].text ?? "", row[1].text ?? "")
        guard holderName == name else {
          throw EnrolmentRefusal(
            "the push token is pad \(holderName)'s (key \(holder)): give pad \(name) a token of its own")
        }
        try await sql.execute("UPDATE devices SET token_hash = NULL WHERE fingerprint = ?", [.text(holder)])
      }
      if let successor = try await sql.rows(
        "SELECT handed_over_to FROM devices WHERE fingerprint = ? AND handed_over_to IS NOT NULL",
        [.text(card.fingerprint)]
      ).first?[0].text {
        throw EnrolmentRefusal(
          "key \(card.fingerprint) handed over to key \(successor) when its ledger started over: the pad pushes with that one"
        )
      }
      try await sql.execute(
        """
        INSERT INTO devices (fingerprint, name, card, last_seq, last_hash, token_hash, enrolled_ms)
        VALUES (?, ?, ?, 0, ?, ?, ?)
        ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, card = excluded.card,
          token_hash = excluded.token_hash, enrolled_ms = excluded.enrolled_ms
        """,
        [
          .text(card.fingerprint), .text(name), .text(encoded), .text(HubJSON.genesis), .text(tokenHash),
          .integer(UnixMilliseconds.now()),
        ])
    }
  }

  public func enrol(_ card: DeviceCard, name: String) async throws {
    try await database.execute(
      """
      INSERT INTO devices (fingerprint, name, card, last_seq, last_hash, enrolled_ms) VALUES (?, ?, ?, 0, ?, ?)
      ON CONFLICT DO NOTHING
      """,
      [
        .text(card.fingerprint), .text(name), .text(try HubJSON.encode(card)), .text(HubJSON.genesis),
        .integer(UnixMilliseconds.now()),
      ])
  }

  public func noteImpostor(device: String, note: String) async throws {
    try await database.execute(
      "UPDATE devices SET impostor = ? WHERE fingerprint = ?", [.text(note), .text(device)])
  }

  public func clearFlag(device: String, audit entry: AuditEntry) async throws -> Bool {
    try await database.transaction { sql in
      let cleared = try await sql.rows(
        """
        UPDATE devices SET problem = NULL, impostor = NULL
        WHERE fingerprint = ? AND (problem IS NOT NULL OR impostor IS NOT NULL) RETURNING fingerprint
        """, [.text(device)])
      guard !cleared.isEmpty else { return false }
      try await sql.insert(into: "audit_log", columns: AuditEntry.columns, rows: [entry.row])
      return true
    }
  }

  public func auditLog() async throws -> [AuditEntry] {
    try await database.rows(
      "SELECT \(AuditEntry.columns.joined(separator: ", ")) FROM audit_log ORDER BY at_ms", []
    )
    .map(AuditEntry.init(row:))
  }

  public func noteContact(device: String, reportedHead: Int64) async throws {
    try await database.execute(
      "UPDATE devices SET last_contact_ms = ?, reported_head = ? WHERE fingerprint = ?",
      [.integer(UnixMilliseconds.now()), .integer(reportedHead), .text(device)])
  }

  public func flag(device: String, problem: String) async throws {
    try await database.execute(
      "UPDATE devices SET problem = ? WHERE fingerprint = ? AND problem IS NULL",
      [.text(problem), .text(device)])
  }

  public func hashes(device: String, from: Int64, through: Int64) async throws -> [Int64: String] {
    var hashes: [Int64: String] = [:]
    for row in try await database.rows(
      "SELECT seq, body FROM records WHERE device = ? AND seq >= ? AND seq <= ?",
      [.text(device), .integer(from), .integer(through)])
    {
      hashes[row[0].integer ?? 0] = try HubJSON.record(row[1].text ?? "").hash
    }
    return hashes
  }

  public func keepFork(_ records: [StoredRecord], device: String, problem: String) async throws {
    let received = UnixMilliseconds.now()
    try await database.transaction { sql in
      for record in records {
        try await sql.execute(
          """
          INSERT INTO forked_records (device, seq, hash, body, received_ms) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT DO NOTHING
          """,
          [
            .text(device), .integer(record.record.seq), .text(record.record.hash), .text(record.body),
            .integer(received),
          ])
      }
      try await sql.execute(
        "UPDATE devices SET problem = ? WHERE fingerprint = ? AND problem IS NULL",
        [.text(problem), .text(device)])
    }
  }

  public func forkedRecords(device: String) async throws -> [StoredRecord] {
    try await database.rows(
      "SELECT body FROM forked_records WHERE device = ? ORDER BY seq, received_ms", [.text(device)]
    ).map { row in
      let body = row[0].text ?? ""
      return StoredRecord(device: device, record: try HubJSON.record(body), body: body)
    }
  }

  public func handOver(device: String, to successor: DeviceCard) async throws {
    try await database.transaction { sql in
      guard
        let row = try await sql.rows(
          "SELECT name, token_hash, handed_over_to FROM devices WHERE fingerprint = ?", [.text(device)]
        ).first
      else { throw HubStoreError("device \(device) is not enrolled") }
      if row[2].text == successor.fingerprint { return }
      // A handover names a new key; one enrolled already is another device's, never taken over.
      if let other = try await sql.rows(
        "SELECT name FROM devices WHERE fingerprint = ?", [.text(successor.fingerprint)]
      )
      .first {
        throw HubStoreError("key \(successor.fingerprint) is enrolled already, as pad \(other[0].text ?? "")")
      }
      // The token's hash is unique among devices: off the old row before it is on the new one.
      try await sql.execute(
        "UPDATE devices SET token_hash = NULL, handed_over_to = ? WHERE fingerprint = ?",
        [.text(successor.fingerprint), .text(device)])
      try await sql.execute(
        """
        INSERT INTO devices (fingerprint, name, card, last_seq, last_hash, token_hash) VALUES (?, ?, ?, 0, ?, ?)
        """,
        [
          .text(successor.fingerprint), row[0], .text(try HubJSON.encode(successor)), .text(HubJSON.genesis),
          row[1],
        ])
    }
  }

  public func append(_ records: [StoredRecord], device: String, from: Int64, head: Int64, hash: String)
    async throws -> Bool
  {
    let received = UnixMilliseconds.now()
    let webhooks = alertWebhooks.withLock { $0 }
    return try await database.transaction { sql in
      // The head moves first and only from where it was: a concurrent writer moves no row.
      let moved = try await sql.rows(
        """
        UPDATE devices SET last_seq = ?, last_hash = ?
        WHERE fingerprint = ? AND last_seq = ? AND problem IS NULL RETURNING last_seq
        """, [.integer(head), .text(hash), .text(device), .integer(from)])
      guard !moved.isEmpty else { return false }
      try await sql.insert(
        into: "records", columns: HubSchema.recordColumns, rows: records.map { $0.row(received: received) })
      try await Self.admitToOutbox(sql, records, device: device, now: received)
      try await Self.admitToAlerts(sql, records, webhooks: webhooks, now: received)
      return true
    }
  }

  public func correctClocks(device: String, boots: Set<String>) async throws -> Int {
    var corrected = 0
    for boot in boots.sorted() {
      corrected += try await database.transaction { sql in
        try await Self.correctClocks(sql, device: device, boot: boot)
      }
    }
    return corrected
  }

  public func bootsWithUncorrectedClocks() async throws -> [(device: String, boot: String)] {
    try await database.rows("SELECT DISTINCT device, boot_id FROM records WHERE clock = 'uncorrected'", [])
      .compactMap { row in row[0].text.flatMap { device in row[1].text.map { (device, $0) } } }
  }

  /// Re-dates the boot's uncorrected records that a known record of the same boot now follows
  /// (`ClockCorrection`); returns how many.
  private static func correctClocks(_ sql: any HubSQL, device: String, boot: String) async throws -> Int {
    let unknown = try await sql.rows(
      "SELECT seq, mono_ns, pad_wall_ms FROM records WHERE device = ? AND boot_id = ? AND clock = 'uncorrected'",
      [.text(device), .text(boot)]
    ).map { Self.stamp($0, boot: boot) }
    guard let earliest = unknown.map(\.monotonicNanoseconds).min(),
      let latest = unknown.map(\.monotonicNanoseconds).max()
    else { return 0 }
    // Only the known records that can be the nearest one at or after an uncorrected one: those
    // among them on the monotonic clock, and the first after the last of them.
    let known =
      "SELECT seq, mono_ns, pad_wall_ms FROM records WHERE device = ? AND boot_id = ? AND clock = 'known'"
    let among = try await sql.rows(
      known + " AND mono_ns >= ? AND mono_ns <= ?",
      [.text(device), .text(boot), .integer(earliest), .integer(latest)])
    let after = try await sql.rows(
      known + " AND mono_ns > ? ORDER BY mono_ns LIMIT 1", [.text(device), .text(boot), .integer(latest)])
    let corrections = ClockCorrection.corrections(
      unknown: unknown, known: (among + after).map { Self.stamp($0, boot: boot) })
    // A few thousand rows a statement, in seq order as they lie in the table and its index: one
    // statement a record, in a dictionary's order, made re-dating a backlog of 100,000 records
    // the longest part of storing the page that brought a known one.
    let seqs = corrections.keys.sorted()
    for start in stride(from: 0, to: seqs.count, by: 5000) {
      let chunk = seqs[start..<min(seqs.count, start + 5000)]
      let pairs = Array(repeating: "(?, ?)", count: chunk.count).joined(separator: ", ")
      try await sql.execute(
        """
        UPDATE records SET wall_ms = t.column2, clock = 'corrected' FROM (VALUES \(pairs)) AS t
        WHERE records.device = ? AND records.seq = t.column1 AND records.clock = 'uncorrected'
        """, chunk.flatMap { [SQLValue.integer($0), .integer(corrections[$0]!)] } + [.text(device)])
    }
    return seqs.count
  }

  private static func stamp(_ row: [SQLValue], boot: String) -> ClockCorrection.Stamp {
    ClockCorrection.Stamp(
      seq: row[0].integer ?? 0, bootID: boot, monotonicNanoseconds: row[1].integer ?? 0,
      wallMilliseconds: row[2].integer ?? 0)
  }

  public func records(kinds: [String]) async throws -> [StoredRecord] {
    let marks = kinds.map { _ in "?" }.joined(separator: ", ")
    return try await storedRecords("WHERE kind IN (\(marks)) ORDER BY device, seq", kinds.map { .text($0) })
  }

  public func count() async throws -> Int {
    Int(try await database.scalar("SELECT count(*) FROM records")?.integer ?? 0)
  }

  public func leasePull(of pad: String, by holder: String, for duration: Duration) async throws -> Bool {
    let now = UnixMilliseconds.now()
    let until = now + Int64(duration.components.seconds) * 1000
    // One statement: a racing instance's upsert waits on the row, then re-checks the condition.
    return try await !database.rows(
      """
      INSERT INTO pull_leases (pad, holder, until_ms) VALUES (?, ?, ?)
      ON CONFLICT (pad) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms
      WHERE pull_leases.holder = excluded.holder OR pull_leases.until_ms < ? RETURNING holder
      """, [.text(pad), .text(holder), .integer(until), .integer(now)]
    ).isEmpty
  }

  public func tallies(by dimension: SatisfactionReport.Dimension, in period: ReportPeriod?) async throws
    -> [RatingTally]
  {
    try await tallies(by: dimension, in: period, scope: RatingScope(), perDevice: true)
  }

  public func badRatings(in period: ReportPeriod?) async throws -> (
    ratings: [StoredRecord], reasons: [StoredRecord]
  ) {
    let (from, to) = period.bounds
    let bad = RecordColumns.badLevels.map { "'\($0)'" }.joined(separator: ", ")
    // Reasons follow their rating, so none of the period's ratings has reasons older than it.
    return (
      try await storedRecords(
        "WHERE kind = 'rating' AND level IN (\(bad)) AND wall_ms >= ? AND wall_ms < ? ORDER BY wall_ms, device, seq",
        [.integer(from), .integer(to)]),
      try await storedRecords(
        "WHERE kind = 'reasons' AND wall_ms >= ? ORDER BY device, seq", [.integer(from)])
    )
  }

  private func storedRecords(_ clause: String, _ values: [SQLValue]) async throws -> [StoredRecord] {
    try await database.rows("SELECT \(HubSchema.storedRecordColumns) FROM records \(clause)", values).map {
      try StoredRecord(row: $0)
    }
  }
}

extension EnrolledDevice {
  /// A device from a row of `HubSchema.deviceColumns`.
  fileprivate init(row: [SQLValue]) throws {
    self.init(
      fingerprint: row[0].text ?? "", name: row[1].text ?? "",
      card: try HubJSON.decode(DeviceCard.self, row[2].text ?? ""), lastSeq: row[3].integer ?? 0,
      lastHash: row[4].text ?? "", problem: row[5].text, lastContactMilliseconds: row[6].integer,
      reportedHead: row[7].integer, handedOverTo: row[8].text, impostor: row[9].text)
  }
}

extension StoredRecord {
  /// A record from a row of `HubSchema.storedRecordColumns`.
  fileprivate init(row: [SQLValue]) throws {
    let body = row[1].text ?? ""
    let record = try HubJSON.record(body)
    self.init(
      device: row[0].text ?? "", record: record, body: body, wallMilliseconds: row[2].integer,
      clock: ClockCorrection.Standing(rawValue: row[3].text ?? ""))
  }

  /// The record's values for `HubSchema.recordColumns`.
  fileprivate func row(received: Int64) -> [SQLValue] {
    let query = RecordColumns(record)
    return [
      .text(device), .integer(record.seq), .text(record.uuid), .text(record.kind), .text(body),
      .integer(received), .integer(query.wallMilliseconds),
    ] + query.texts.map { .text($0) }
      + [
        .integer(record.wallMilliseconds), .text(record.bootID), .integer(record.monotonicNanoseconds),
        .text(ClockCorrection.Standing(arriving: record).rawValue),
      ]
  }
}
