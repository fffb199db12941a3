import Foundation
import Logging
import PostgresNIO
import RatingModel
import RecordChain
import SyncProtocol

/// The hub's PostgreSQL store (postgres-nio), for a hub that serves many halls.
public final class PostgresHubStore: HubStore, Sendable {
  private let client: PostgresClient
  private let runner: Task<Void, Never>
  private let logger: Logger

  /// Connects to `postgres://user[:password]@host[:port]/database`.
  public init(url: String, logger: Logger) throws {
    guard let parts = URLComponents(string: url), let host = parts.host, let user = parts.user else {
      throw PullError("database: '\(url)' is not postgres://user[:password]@host[:port]/database")
    }
    let database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
    let configuration = PostgresClient.Configuration(
      host: host, port: parts.port ?? 5432, username: user, password: parts.password,
      database: database.isEmpty ? nil : database, tls: .disable)
    let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    self.client = client
    self.logger = logger
    runner = Task { await client.run() }
  }

  deinit { runner.cancel() }

  public func prepare() async throws {
    try await client.withTransaction(logger: logger) { connection in
      // Two hubs (or two tests) preparing a fresh database at once would race in CREATE TABLE IF
      // NOT EXISTS (a duplicate key in pg_type): one at a time, by a lock held to the commit.
      try await connection.query("SELECT pg_advisory_xact_lock(\(Self.schemaLock))", logger: logger)
      // Schema changes lock whole tables, and one beside another hub's writes can deadlock with
      // them: a schema that is already at this version is left alone.
      let marked = try await connection.query(
        "SELECT to_regclass('hub_schema') IS NOT NULL", logger: logger
      ).decode(Bool.self)
      for try await exists in marked where exists {
        let versions = try await connection.query("SELECT max(version) FROM hub_schema", logger: logger)
          .decode(Int64?.self)
        for try await version in versions where version == Self.schemaVersion { return }
      }
      try await connection.query(
        """
        CREATE TABLE IF NOT EXISTS devices (
          fingerprint TEXT PRIMARY KEY, name TEXT NOT NULL, card TEXT NOT NULL,
          last_seq BIGINT NOT NULL, last_hash TEXT NOT NULL, problem TEXT)
        """, logger: logger)
      try await connection.query(
        """
        CREATE TABLE IF NOT EXISTS records (
          device TEXT NOT NULL REFERENCES devices (fingerprint), seq BIGINT NOT NULL, uuid TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL, body TEXT NOT NULL, received_ms BIGINT NOT NULL, PRIMARY KEY (device, seq))
        """, logger: logger)
      try await connection.query(
        "CREATE TABLE IF NOT EXISTS pull_leases (pad TEXT PRIMARY KEY, holder TEXT NOT NULL, until_ms BIGINT NOT NULL)",
        logger: logger)
      try await addQueryColumns(connection)
      try await addTimeColumns(connection)
      let added = DeviceColumns.added.map {
        "ADD COLUMN IF NOT EXISTS \($0.name) \($0.kind == .text ? "TEXT" : "BIGINT")"
      }
      try await connection.query(
        PostgresQuery(unsafeSQL: "ALTER TABLE devices \(added.joined(separator: ", "))"), logger: logger)
      try await connection.query(
        "CREATE UNIQUE INDEX IF NOT EXISTS devices_by_token ON devices (token_hash)", logger: logger)
      try await connection.query(
        "CREATE INDEX IF NOT EXISTS records_by_kind_time ON records (kind, wall_ms)", logger: logger)
      try await connection.query(
        "CREATE INDEX IF NOT EXISTS records_uncorrected ON records (device, boot_id) WHERE clock = 'uncorrected'",
        logger: logger)
      try await connection.query(
        "CREATE TABLE IF NOT EXISTS hub_schema (version BIGINT NOT NULL)", logger: logger)
      try await connection.query("DELETE FROM hub_schema", logger: logger)
      try await connection.query("INSERT INTO hub_schema VALUES (\(Self.schemaVersion))", logger: logger)
    }
  }

  /// The schema `prepare` makes; raise it with every change to it.
  private static let schemaVersion: Int64 = 3

  /// The report columns (`RecordColumns`), added to a database made before them and filled from
  /// the bodies already stored.
  private func addQueryColumns(_ connection: PostgresConnection) async throws {
    let texts = RecordColumns.jsonPaths.map {
      "ADD COLUMN IF NOT EXISTS \($0.column) TEXT NOT NULL DEFAULT ''"
    }
    try await connection.query(
      PostgresQuery(
        unsafeSQL:
          "ALTER TABLE records ADD COLUMN IF NOT EXISTS wall_ms BIGINT, \(texts.joined(separator: ", "))"),
      logger: logger)
    let fills = RecordColumns.jsonPaths.map { column, path in
      "\(column) = coalesce(body::jsonb #>> '{\(path.joined(separator: ","))}', '')"
    }
    try await connection.query(
      PostgresQuery(
        unsafeSQL:
          "UPDATE records SET wall_ms = (body::jsonb ->> 'wall_ms')::BIGINT, \(fills.joined(separator: ", ")) WHERE wall_ms IS NULL"
      ), logger: logger)
  }

  /// The time columns (`TimeColumns`), added to a database made before them and filled from the
  /// bodies already stored.
  private func addTimeColumns(_ connection: PostgresConnection) async throws {
    let fill = TimeColumns.jsonFill
    try await connection.query(
      """
      ALTER TABLE records ADD COLUMN IF NOT EXISTS pad_wall_ms BIGINT,
        ADD COLUMN IF NOT EXISTS boot_id TEXT NOT NULL DEFAULT '',
        ADD COLUMN IF NOT EXISTS mono_ns BIGINT NOT NULL DEFAULT 0,
        ADD COLUMN IF NOT EXISTS clock TEXT NOT NULL DEFAULT 'unmarked'
      """, logger: logger)
    try await connection.query(
      PostgresQuery(
        unsafeSQL: """
          UPDATE records SET pad_wall_ms = (body::jsonb ->> '\(fill.padWall)')::BIGINT,
            boot_id = coalesce(body::jsonb ->> '\(fill.bootID)', ''),
            mono_ns = coalesce((body::jsonb ->> '\(fill.monotonic)')::BIGINT, 0),
            clock = CASE (body::jsonb ->> '\(fill.clockKnown)') WHEN 'true' THEN 'known' WHEN 'false' THEN 'uncorrected'
              ELSE 'unmarked' END
          WHERE pad_wall_ms IS NULL
          """), logger: logger)
  }

  /// The advisory lock that serialises schema changes ("ratingpad" in ASCII, as a number).
  private static let schemaLock: Int64 = 0x7261_7469_6E67_7061

  private static let deviceColumns =
    "SELECT fingerprint, name, card, last_seq, last_hash, problem, last_contact_ms, reported_head FROM devices"

  public func device(_ fingerprint: String) async throws -> EnrolledDevice? {
    try await selectDevices(
      "\(unescaped: Self.deviceColumns) WHERE fingerprint = \(fingerprint)"
    ).first
  }

  public func device(named name: String) async throws -> EnrolledDevice? {
    try await selectDevices(
      "\(unescaped: Self.deviceColumns) WHERE name = \(name) LIMIT 1"
    ).first
  }

  public func devices() async throws -> [EnrolledDevice] {
    try await selectDevices(
      "\(unescaped: Self.deviceColumns) ORDER BY name")
  }

  private func selectDevices(_ query: PostgresQuery) async throws -> [EnrolledDevice] {
    var devices: [EnrolledDevice] = []
    let rows = try await client.query(query, logger: logger)
    for try await (fingerprint, name, card, lastSeq, lastHash, problem, contact, reported) in rows.decode(
      (String, String, String, Int64, String, String?, Int64?, Int64?).self)
    {
      devices.append(
        EnrolledDevice(
          fingerprint: fingerprint, name: name, card: try HubJSON.decode(DeviceCard.self, card),
          lastSeq: lastSeq, lastHash: lastHash, problem: problem, lastContactMilliseconds: contact,
          reportedHead: reported))
    }
    return devices
  }

  public func enrolPad(_ card: DeviceCard, name: String, tokenHash: String) async throws {
    let text = try HubJSON.encode(card)
    try await client.query(
      """
      INSERT INTO devices (fingerprint, name, card, last_seq, last_hash, token_hash)
      VALUES (\(card.fingerprint), \(name), \(text), 0, \(HubJSON.genesis), \(tokenHash))
      ON CONFLICT (fingerprint) DO UPDATE SET name = excluded.name, card = excluded.card,
        token_hash = excluded.token_hash
      """, logger: logger)
  }

  public func device(withTokenHash tokenHash: String) async throws -> EnrolledDevice? {
    try await selectDevices("\(unescaped: Self.deviceColumns) WHERE token_hash = \(tokenHash)").first
  }

  public func noteContact(device: String, reportedHead: Int64) async throws {
    let now = UnixMilliseconds.now()
    try await client.query(
      "UPDATE devices SET last_contact_ms = \(now), reported_head = \(reportedHead) WHERE fingerprint = \(device)",
      logger: logger)
  }

  public func enrol(_ card: DeviceCard, name: String) async throws {
    let text = try HubJSON.encode(card)
    try await client.query(
      """
      INSERT INTO devices (fingerprint, name, card, last_seq, last_hash)
      VALUES (\(card.fingerprint), \(name), \(text), 0, \(HubJSON.genesis)) ON CONFLICT DO NOTHING
      """, logger: logger)
  }

  public func append(_ records: [StoredRecord], device: String, from: Int64, head: Int64, hash: String)
    async throws -> Bool
  {
    let received = UnixMilliseconds.now()
    let bodies = records.map(\.body)
    return try await client.withTransaction(logger: logger) { connection in
      // The head moves first and only from where it was: a concurrent writer updates no row.
      let moved = try await connection.query(
        """
        UPDATE devices SET last_seq = \(head), last_hash = \(hash)
        WHERE fingerprint = \(device) AND last_seq = \(from) AND problem IS NULL RETURNING last_seq
        """, logger: logger
      ).collect()
      guard !moved.isEmpty else { return false }
      // One statement per batch: arrays unnested server-side.
      let seqs = records.map(\.record.seq)
      let uuids = records.map(\.record.uuid)
      let kinds = records.map(\.record.kind)
      let columns = records.map { RecordColumns($0.record) }
      let walls = columns.map(\.wallMilliseconds)
      let texts = (0..<RecordColumns.jsonPaths.count).map { index in columns.map { $0.texts[index] } }
      let boots = records.map(\.record.bootID)
      let monotonics = records.map(\.record.monotonicNanoseconds)
      let clocks = records.map { ClockCorrection.Standing(arriving: $0.record).rawValue }
      try await connection.query(
        """
        INSERT INTO records (device, seq, uuid, kind, body, received_ms, wall_ms, level, txn_window, staff, service_item, department, prompt_id,
          pad_wall_ms, boot_id, mono_ns, clock)
        SELECT \(device), s, u, k, b, \(received), w, l, win, st, si, d, p, w, bo, mo, c
        FROM unnest(\(seqs)::BIGINT[], \(uuids)::TEXT[], \(kinds)::TEXT[], \(bodies)::TEXT[], \(walls)::BIGINT[],
          \(texts[0])::TEXT[], \(texts[1])::TEXT[], \(texts[2])::TEXT[], \(texts[3])::TEXT[], \(texts[4])::TEXT[],
          \(texts[5])::TEXT[], \(boots)::TEXT[], \(monotonics)::BIGINT[], \(clocks)::TEXT[])
          AS t (s, u, k, b, w, l, win, st, si, d, p, bo, mo, c)
        """, logger: logger)
      try await correctClocks(
        connection, device: device, knownByBoot: ClockCorrection.knownByBoot(records.map(\.record)))
      return true
    }
  }

  /// Re-dates the device's uncorrected records of each boot that now has known records
  /// (`ClockCorrection`); called inside the transaction that stored them.
  private func correctClocks(
    _ connection: PostgresConnection, device: String, knownByBoot: [String: [ClockCorrection.Stamp]]
  ) async throws {
    for (boot, known) in knownByBoot {
      var unknown: [ClockCorrection.Stamp] = []
      let rows = try await connection.query(
        """
        SELECT seq, mono_ns, pad_wall_ms FROM records
        WHERE device = \(device) AND boot_id = \(boot) AND clock = 'uncorrected'
        """, logger: logger)
      for try await (seq, monotonic, wall) in rows.decode((Int64, Int64, Int64?).self) {
        unknown.append(
          ClockCorrection.Stamp(
            seq: seq, bootID: boot, monotonicNanoseconds: monotonic, wallMilliseconds: wall ?? 0))
      }
      let corrections = ClockCorrection.corrections(unknown: unknown, known: known)
      guard !corrections.isEmpty else { continue }
      let seqs = Array(corrections.keys)
      let walls = seqs.map { corrections[$0]! }
      try await connection.query(
        """
        UPDATE records SET wall_ms = t.w, clock = 'corrected'
        FROM unnest(\(seqs)::BIGINT[], \(walls)::BIGINT[]) AS t (s, w)
        WHERE records.device = \(device) AND records.seq = t.s
        """, logger: logger)
    }
  }

  public func flag(device: String, problem: String) async throws {
    try await client.query(
      "UPDATE devices SET problem = \(problem) WHERE fingerprint = \(device) AND problem IS NULL",
      logger: logger)
  }

  public func records(kinds: [String]) async throws -> [StoredRecord] {
    try await select(
      "SELECT device, body, wall_ms, clock FROM records WHERE kind = ANY(\(kinds)) ORDER BY device, seq")
  }

  public func count() async throws -> Int {
    let rows = try await client.query("SELECT count(*) FROM records", logger: logger)
    for try await count in rows.decode(Int64.self) { return Int(count) }
    return 0
  }

  public func leasePull(of pad: String, by holder: String, for duration: Duration) async throws -> Bool {
    let now = UnixMilliseconds.now()
    let until = now + Int64(duration.components.seconds) * 1000
    // One statement: the row is locked while a racing instance's upsert waits, then re-checked.
    let rows = try await client.query(
      """
      INSERT INTO pull_leases (pad, holder, until_ms) VALUES (\(pad), \(holder), \(until))
      ON CONFLICT (pad) DO UPDATE SET holder = excluded.holder, until_ms = excluded.until_ms
      WHERE pull_leases.holder = excluded.holder OR pull_leases.until_ms < \(now) RETURNING holder
      """, logger: logger)
    for try await _ in rows.decode(String.self) { return true }
    return false
  }

  public func tallies(by dimension: SatisfactionReport.Dimension, in period: ReportPeriod?) async throws
    -> [RatingTally]
  {
    let (from, to) = period.bounds
    let grouping = RecordColumns.grouping(dimension)
    let rows = try await client.query(
      """
      SELECT device, \(unescaped: grouping.key), level, count(*) FROM records
      WHERE kind = 'rating' AND wall_ms >= \(from) AND wall_ms < \(to) GROUP BY \(unescaped: grouping.groupBy)
      """, logger: logger)
    var tallies: [RatingTally] = []
    for try await (device, key, level, count) in rows.decode((String, String, String, Int64).self) {
      guard let level = SatisfactionLevel(rawValue: level) else { continue }
      tallies.append(RatingTally(device: device, key: key, level: level, count: Int(count)))
    }
    return tallies
  }

  public func badRatings(in period: ReportPeriod?) async throws -> (
    ratings: [StoredRecord], reasons: [StoredRecord]
  ) {
    let (from, to) = period.bounds
    // Reasons follow their rating, so none of the period's ratings has reasons older than it.
    return (
      try await select(
        """
        SELECT device, body, wall_ms, clock FROM records WHERE kind = 'rating' AND level = ANY(\(RecordColumns.badLevels))
        AND wall_ms >= \(from) AND wall_ms < \(to) ORDER BY wall_ms, device, seq
        """),
      try await select(
        "SELECT device, body, wall_ms, clock FROM records WHERE kind = 'reasons' AND wall_ms >= \(from) ORDER BY device, seq"
      )
    )
  }

  private func select(_ query: PostgresQuery) async throws -> [StoredRecord] {
    var records: [StoredRecord] = []
    for try await (device, body, wall, clock) in try await client.query(query, logger: logger).decode(
      (String, String, Int64?, String).self)
    {
      records.append(
        StoredRecord(
          device: device, record: try HubJSON.record(body), body: body, wallMilliseconds: wall,
          clock: ClockCorrection.Standing(rawValue: clock)))
    }
    return records
  }
}
