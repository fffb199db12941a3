import Foundation
import RatingModel
import RecordChain
import SQLite
import SyncProtocol

/// The hub's SQLite store: one file, WAL, every commit synced.
///
/// The connection is used only on the store's own thread (`onThread`), never on the caller's.
public final class SQLiteHubStore: HubStore, @unchecked Sendable {
  private let connection: SQLiteConnection
  private let thread = SQLiteThread()

  /// Opens (or creates) the database file.
  public init(path: String) throws {
    connection = try SQLiteConnection(path: path)
    try connection.execute("PRAGMA journal_mode = WAL")
    try connection.execute("PRAGMA synchronous = FULL")
    try connection.execute("PRAGMA busy_timeout = 5000")
  }

  private func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await thread.run(body)
  }

  public func prepare() async throws {
    try await onThread { [self] in
      try connection.execute(
        """
        CREATE TABLE IF NOT EXISTS devices (
          fingerprint TEXT PRIMARY KEY, name TEXT NOT NULL, card TEXT NOT NULL,
          last_seq INTEGER NOT NULL, last_hash TEXT NOT NULL, problem TEXT);
        CREATE TABLE IF NOT EXISTS records (
          device TEXT NOT NULL REFERENCES devices (fingerprint), seq INTEGER NOT NULL, uuid TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL, body TEXT NOT NULL, received_ms INTEGER NOT NULL, PRIMARY KEY (device, seq));
        CREATE TABLE IF NOT EXISTS pull_leases (
          pad TEXT PRIMARY KEY, holder TEXT NOT NULL, until_ms INTEGER NOT NULL);
        """)
      try addQueryColumns()
      try addEnrolmentColumns()
      try addTimeColumns()
      try connection.execute("CREATE INDEX IF NOT EXISTS records_by_kind_time ON records (kind, wall_ms)")
      try connection.execute(
        "CREATE INDEX IF NOT EXISTS records_uncorrected ON records (device, boot_id) WHERE clock = 'uncorrected'"
      )
    }
  }

  /// The report columns (`RecordColumns`), added to a database made before them and filled from
  /// the bodies already stored.
  private func addQueryColumns() throws {
    let missing =
      try connection.scalar(
        "SELECT count(*) FROM pragma_table_info('records') WHERE name = 'wall_ms'")?.integer == 0
    guard missing else { return }
    try connection.transaction {
      try connection.execute("ALTER TABLE records ADD COLUMN wall_ms INTEGER")
      for (column, _) in RecordColumns.jsonPaths {
        try connection.execute("ALTER TABLE records ADD COLUMN \(column) TEXT NOT NULL DEFAULT ''")
      }
      let fills = RecordColumns.jsonPaths.map { column, path in
        "\(column) = coalesce(json_extract(body, '$.\(path.joined(separator: "."))'), '')"
      }
      try connection.execute(
        "UPDATE records SET wall_ms = json_extract(body, '$.wall_ms'), \(fills.joined(separator: ", "))")
    }
  }

  /// The time columns (`TimeColumns`), added to a database made before them and filled from the
  /// bodies already stored.
  private func addTimeColumns() throws {
    let present =
      try connection.scalar(
        "SELECT count(*) FROM pragma_table_info('records') WHERE name = 'clock'")?.integer != 0
    guard !present else { return }
    let fill = TimeColumns.jsonFill
    try connection.transaction {
      try connection.execute(
        """
        ALTER TABLE records ADD COLUMN pad_wall_ms INTEGER;
        ALTER TABLE records ADD COLUMN boot_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE records ADD COLUMN mono_ns INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE records ADD COLUMN clock TEXT NOT NULL DEFAULT 'unmarked';
        UPDATE records SET pad_wall_ms = json_extract(body, '$.\(fill.padWall)'),
          boot_id = coalesce(json_extract(body, '$.\(fill.bootID)'), ''),
          mono_ns = coalesce(json_extract(body, '$.\(fill.monotonic)'), 0),
          clock = CASE json_extract(body, '$.\(fill.clockKnown)') WHEN 1 THEN 'known' WHEN 0 THEN 'uncorrected'
            ELSE 'unmarked' END;
        """)
    }
  }

  /// The columns of pads enrolled in the database and of their contact (`DeviceColumns`), added to
  /// a database made before them.
  private func addEnrolmentColumns() throws {
    let present =
      try connection.scalar(
        "SELECT count(*) FROM pragma_table_info('devices') WHERE name = 'token_hash'")?.integer != 0
    guard !present else { return }
    try connection.transaction {
      for (column, type) in DeviceColumns.added {
        try connection.execute(
          "ALTER TABLE devices ADD COLUMN \(column) \(type == .text ? "TEXT" : "INTEGER")")
      }
      try connection.execute("CREATE UNIQUE INDEX IF NOT EXISTS devices_by_token ON devices (token_hash)")
    }
  }

  public func device(_ fingerprint: String) async throws -> EnrolledDevice? {
    try await onThread { [self] in
      try selectDevices(where: "WHERE fingerprint = ?", [.text(fingerprint)]).first
    }
  }

  public func device(named name: String) async throws -> EnrolledDevice? {
    try await onThread { [self] in
      try selectDevices(where: "WHERE name = ? ORDER BY rowid LIMIT 1", [.text(name)]).first
    }
  }

  public func devices() async throws -> [EnrolledDevice] {
    try await onThread { [self] in try selectDevices(where: "ORDER BY name", []) }
  }

  private func selectDevices(where clause: String, _ values: [SQLiteValue]) throws -> [EnrolledDevice] {
    let statement = try connection.prepare(
      "SELECT fingerprint, name, card, last_seq, last_hash, problem, last_contact_ms, reported_head FROM devices \(clause)"
    )
    try statement.bind(values)
    var devices: [EnrolledDevice] = []
    while try statement.step() {
      devices.append(
        EnrolledDevice(
          fingerprint: statement.value(at: 0).text ?? "", name: statement.value(at: 1).text ?? "",
          card: try HubJSON.decode(DeviceCard.self, statement.value(at: 2).text ?? ""),
          lastSeq: statement.value(at: 3).integer ?? 0, lastHash: statement.value(at: 4).text ?? "",
          problem: statement.value(at: 5).text, lastContactMilliseconds: statement.value(at: 6).integer,
          reportedHead: statement.value(at: 7).integer))
    }
    return devices
  }

  public func enrolPad(_ card: DeviceCard, name: String, tokenHash: String) async throws {
    try await onThread { [self] in
      try connection.prepare(
        """
        INSERT INTO devices (fingerprint, name, card, last_seq, last_hash, token_hash) VALUES (?, ?, ?, 0, ?, ?)
        ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, card = excluded.card,
          token_hash = excluded.token_hash
        """
      ).run([
        .text(card.fingerprint), .text(name), .text(try HubJSON.encode(card)), .text(HubJSON.genesis),
        .text(tokenHash),
      ])
    }
  }

  public func device(withTokenHash tokenHash: String) async throws -> EnrolledDevice? {
    try await onThread { [self] in
      try selectDevices(where: "WHERE token_hash = ?", [.text(tokenHash)]).first
    }
  }

  public func noteContact(device: String, reportedHead: Int64) async throws {
    let now = UnixMilliseconds.now()
    try await onThread { [self] in
      try connection.prepare(
        "UPDATE devices SET last_contact_ms = ?, reported_head = ? WHERE fingerprint = ?"
      )
      .run([.integer(now), .integer(reportedHead), .text(device)])
    }
  }

  public func enrol(_ card: DeviceCard, name: String) async throws {
    try await onThread { [self] in
      try connection.prepare(
        "INSERT OR IGNORE INTO devices (fingerprint, name, card, last_seq, last_hash) VALUES (?, ?, ?, 0, ?)"
      ).run([.text(card.fingerprint), .text(name), .text(try HubJSON.encode(card)), .text(HubJSON.genesis)])
    }
  }

  public func append(_ records: [StoredRecord], device: String, from: Int64, head: Int64, hash: String)
    async throws -> Bool
  {
    let received = UnixMilliseconds.now()
    return try await onThread { [self] in
      try connection.transaction {
        guard
          try connection.scalar(
            "SELECT last_seq FROM devices WHERE fingerprint = ? AND problem IS NULL", [.text(device)])?
            .integer
            == from
        else { return false }
        let names = RecordColumns.names + TimeColumns.names
        let columns = names.joined(separator: ", ")
        let marks = names.map { _ in "?" }.joined(separator: ", ")
        let insert = try connection.prepare(
          "INSERT INTO records (device, seq, uuid, kind, body, received_ms, \(columns)) VALUES (?, ?, ?, ?, ?, ?, \(marks))"
        )
        for stored in records {
          let query = RecordColumns(stored.record)
          var values: [SQLiteValue] = [
            .text(device), .integer(stored.record.seq), .text(stored.record.uuid),
            .text(stored.record.kind),
            .text(stored.body), .integer(received), .integer(query.wallMilliseconds),
          ]
          values += query.texts.map { SQLiteValue.text($0) }
          values += [
            .integer(stored.record.wallMilliseconds), .text(stored.record.bootID),
            .integer(stored.record.monotonicNanoseconds),
            .text(ClockCorrection.Standing(arriving: stored.record).rawValue),
          ]
          try insert.run(values)
        }
        try correctClocks(device: device, knownByBoot: ClockCorrection.knownByBoot(records.map(\.record)))
        try connection.prepare("UPDATE devices SET last_seq = ?, last_hash = ? WHERE fingerprint = ?")
          .run([.integer(head), .text(hash), .text(device)])
        return true
      }
    }
  }

  /// Re-dates the device's uncorrected records of each boot that now has known records
  /// (`ClockCorrection`); called inside the transaction that stored them.
  private func correctClocks(device: String, knownByBoot: [String: [ClockCorrection.Stamp]]) throws {
    let update = try connection.prepare(
      "UPDATE records SET wall_ms = ?, clock = 'corrected' WHERE device = ? AND seq = ?")
    for (boot, known) in knownByBoot {
      let statement = try connection.prepare(
        "SELECT seq, mono_ns, pad_wall_ms FROM records WHERE device = ? AND boot_id = ? AND clock = 'uncorrected'"
      )
      try statement.bind([.text(device), .text(boot)])
      var unknown: [ClockCorrection.Stamp] = []
      while try statement.step() {
        unknown.append(
          ClockCorrection.Stamp(
            seq: statement.value(at: 0).integer ?? 0, bootID: boot,
            monotonicNanoseconds: statement.value(at: 1).integer ?? 0,
            wallMilliseconds: statement.value(at: 2).integer ?? 0))
      }
      for (seq, wall) in ClockCorrection.corrections(unknown: unknown, known: known) {
        try update.run([.integer(wall), .text(device), .integer(seq)])
      }
    }
  }

  public func flag(device: String, problem: String) async throws {
    try await onThread { [self] in
      try connection.prepare("UPDATE devices SET problem = ? WHERE fingerprint = ? AND problem IS NULL")
        .run([.text(problem), .text(device)])
    }
  }

  public func records(kinds: [String]) async throws -> [StoredRecord] {
    try await onThread { [self] in
      let marks = kinds.map { _ in "?" }.joined(separator: ", ")
      return try select("WHERE kind IN (\(marks)) ORDER BY device, seq", kinds.map { .text($0) })
    }
  }

  public func count() async throws -> Int {
    try await onThread { [self] in Int(try connection.scalar("SELECT count(*) FROM records")?.integer ?? 0) }
  }

  public func leasePull(of pad: String, by holder: String, for duration: Duration) async throws -> Bool {
    let now = UnixMilliseconds.now()
    let until = now + Int64(duration.components.seconds) * 1000
    return try await onThread { [self] in
      try connection.transaction {
        try connection.prepare(
          """
          INSERT INTO pull_leases (pad, holder, until_ms) VALUES (?, ?, ?)
          ON CONFLICT (pad) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms
          WHERE pull_leases.holder = excluded.holder OR pull_leases.until_ms < ?
          """
        ).run([.text(pad), .text(holder), .integer(until), .integer(now)])
        return try connection.scalar("SELECT holder FROM pull_leases WHERE pad = ?", [.text(pad)])?.text
          == holder
      }
    }
  }

  public func tallies(by dimension: SatisfactionReport.Dimension, in period: ReportPeriod?) async throws
    -> [RatingTally]
  {
    let (from, to) = period.bounds
    let grouping = RecordColumns.grouping(dimension)
    return try await onThread { [self] in
      let statement = try connection.prepare(
        """
        SELECT device, \(grouping.key), level, count(*) FROM records
        WHERE kind = 'rating' AND wall_ms >= ? AND wall_ms < ? GROUP BY \(grouping.groupBy)
        """)
      try statement.bind([.integer(from), .integer(to)])
      var tallies: [RatingTally] = []
      while try statement.step() {
        guard let level = SatisfactionLevel(rawValue: statement.value(at: 2).text ?? "") else { continue }
        tallies.append(
          RatingTally(
            device: statement.value(at: 0).text ?? "", key: statement.value(at: 1).text ?? "", level: level,
            count: Int(statement.value(at: 3).integer ?? 0)))
      }
      return tallies
    }
  }

  public func badRatings(in period: ReportPeriod?) async throws -> (
    ratings: [StoredRecord], reasons: [StoredRecord]
  ) {
    let (from, to) = period.bounds
    let bad = RecordColumns.badLevels.map { "'\($0)'" }.joined(separator: ", ")
    return try await onThread { [self] in
      // Reasons follow their rating, so none of the period's ratings has reasons older than it.
      (
        try select(
          "WHERE kind = 'rating' AND level IN (\(bad)) AND wall_ms >= ? AND wall_ms < ? ORDER BY wall_ms, device, seq",
          [.integer(from), .integer(to)]),
        try select("WHERE kind = 'reasons' AND wall_ms >= ? ORDER BY device, seq", [.integer(from)])
      )
    }
  }

  private func select(_ clause: String, _ values: [SQLiteValue]) throws -> [StoredRecord] {
    let statement = try connection.prepare("SELECT device, body, wall_ms, clock FROM records \(clause)")
    try statement.bind(values)
    var records: [StoredRecord] = []
    while try statement.step() {
      let body = statement.value(at: 1).text ?? ""
      let record = try HubJSON.record(body)
      records.append(
        StoredRecord(
          device: statement.value(at: 0).text ?? "", record: record, body: body,
          wallMilliseconds: statement.value(at: 2).integer ?? record.wallMilliseconds,
          clock: ClockCorrection.Standing(rawValue: statement.value(at: 3).text ?? "") ?? .unmarked))
    }
    return records
  }
}

/// JSON in and out of the hub's text columns.
enum HubJSON {
  /// The hash before a device's first record, in hex.
  static let genesis = Hex.encode(ChainVerifier.genesis)

  static func encode<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try WireCoding.encoder().encode(value), as: UTF8.self)
  }

  static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try WireCoding.decoder().decode(T.self, from: Data(text.utf8))
  }

  /// A record's body, through the bulk JSON path (records are stored by the hundred thousand).
  static func body(_ record: WireRecord) -> String {
    String(decoding: record.jsonBytes(), as: UTF8.self)
  }

  /// A record from its body.
  static func record(_ body: String) throws -> WireRecord {
    try WireRecord(json: try JSONReader.parse(Array(body.utf8)))
  }
}
