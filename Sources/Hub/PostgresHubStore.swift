import Foundation
import Logging
import PostgresNIO
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
    try await client.query(
      """
      CREATE TABLE IF NOT EXISTS devices (
        fingerprint TEXT PRIMARY KEY, name TEXT NOT NULL, card TEXT NOT NULL,
        last_seq BIGINT NOT NULL, last_hash TEXT NOT NULL, problem TEXT)
      """, logger: logger)
    try await client.query(
      """
      CREATE TABLE IF NOT EXISTS records (
        device TEXT NOT NULL REFERENCES devices (fingerprint), seq BIGINT NOT NULL, uuid TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL, body TEXT NOT NULL, received_ms BIGINT NOT NULL, PRIMARY KEY (device, seq))
      """, logger: logger)
  }

  public func device(_ fingerprint: String) async throws -> EnrolledDevice? {
    try await selectDevices(
      "SELECT fingerprint, name, card, last_seq, last_hash, problem FROM devices WHERE fingerprint = \(fingerprint)"
    ).first
  }

  public func device(named name: String) async throws -> EnrolledDevice? {
    try await selectDevices(
      "SELECT fingerprint, name, card, last_seq, last_hash, problem FROM devices WHERE name = \(name) LIMIT 1"
    ).first
  }

  public func devices() async throws -> [EnrolledDevice] {
    try await selectDevices(
      "SELECT fingerprint, name, card, last_seq, last_hash, problem FROM devices ORDER BY name")
  }

  private func selectDevices(_ query: PostgresQuery) async throws -> [EnrolledDevice] {
    var devices: [EnrolledDevice] = []
    let rows = try await client.query(query, logger: logger)
    for try await (fingerprint, name, card, lastSeq, lastHash, problem) in rows.decode(
      (String, String, String, Int64, String, String?).self)
    {
      devices.append(
        EnrolledDevice(
          fingerprint: fingerprint, name: name, card: try HubJSON.decode(DeviceCard.self, card),
          lastSeq: lastSeq,
          lastHash: lastHash, problem: problem))
    }
    return devices
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
    let received = Int64(Date().timeIntervalSince1970 * 1000)
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
      try await connection.query(
        """
        INSERT INTO records (device, seq, uuid, kind, body, received_ms)
        SELECT \(device), s, u, k, b, \(received) FROM unnest(\(seqs)::BIGINT[], \(uuids)::TEXT[], \(kinds)::TEXT[], \(bodies)::TEXT[]) AS t (s, u, k, b)
        """, logger: logger)
      return true
    }
  }

  public func flag(device: String, problem: String) async throws {
    try await client.query(
      "UPDATE devices SET problem = \(problem) WHERE fingerprint = \(device) AND problem IS NULL",
      logger: logger)
  }

  public func records(kinds: [String]) async throws -> [StoredRecord] {
    var records: [StoredRecord] = []
    let rows = try await client.query(
      "SELECT device, body FROM records WHERE kind = ANY(\(kinds)) ORDER BY device, seq", logger: logger)
    for try await (device, body) in rows.decode((String, String).self) {
      records.append(StoredRecord(device: device, record: try HubJSON.record(body), body: body))
    }
    return records
  }

  public func count() async throws -> Int {
    let rows = try await client.query("SELECT count(*) FROM records", logger: logger)
    for try await count in rows.decode(Int64.self) { return Int(count) }
    return 0
  }
}
