import Foundation
import RecordChain
import SQLite
import SyncProtocol
import SyncTestSupport
import Testing

@testable import Hub

/// Hub databases made before the one schema: each engine's, as `ratingpad-hub` of commit 3c2aeaf
/// left them (dumps in `Fixtures/`, made by that build's `ratingpad bench hub --database`), and one
/// from before any column was added. They open, migrate, and every chain in them still verifies.
@Suite struct OldDatabaseTests {
  static var engines: [String] {
    ["sqlite"] + (ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"].map { [$0] } ?? [])
  }

  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures")

  /// A fresh database of `engine` holding `sql`, and the store opened on it.
  func restore(_ sql: String, on engine: String) throws -> (store: SQLHubStore, cleanup: () -> Void) {
    if engine == "sqlite" {
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("old-hub-\(UUID()).sqlite")
        .path
      try SQLiteConnection(path: path).execute(sql)
      return (try SQLHubStore(sqlitePath: path), { try? FileManager.default.removeItem(atPath: path) })
    }
    let name = "old_hub_\(UUID().uuidString.prefix(8).lowercased())"
    let server = engine.replacingOccurrences(of: "/ratingpad_test", with: "/postgres")
    try psql(server, "CREATE DATABASE \(name)")
    let url = engine.replacingOccurrences(of: "/ratingpad_test", with: "/\(name)")
    try psql(url, sql)
    return (
      try SQLHubStore(postgresURL: url, logger: quietLogger),
      { try? psql(server, "DROP DATABASE \(name) WITH (FORCE)") }
    )
  }

  func psql(_ url: String, _ sql: String) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
    process.arguments = ["-q", "-v", "ON_ERROR_STOP=1", url]
    let input = Pipe()
    process.standardInput = input
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    input.fileHandleForWriting.write(Data(sql.utf8))
    try input.fileHandleForWriting.close()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "psql on \(url)")
  }

  /// Every device's stored chain, from seq 1, checked with its enrolled key.
  func verifyEveryChain(_ store: SQLHubStore) async throws -> Int {
    let records = try await store.records(kinds: LedgerKind.allCases.map(\.rawValue))
    var verified = 0
    for device in try await store.devices() {
      var verifier = ChainVerifier(
        publicKey: try DevicePublicKey(rawRepresentation: Array(Data(base64Encoded: device.card.publicKey)!)))
      for stored in records where stored.device == device.fingerprint {
        #expect(
          verifier.check(try stored.record.ledgerRecord()) == nil, "\(device.name) seq \(stored.record.seq)")
      }
      #expect(verifier.lastSeq == device.lastSeq, "\(device.name)")
      verified += verifier.verified
    }
    return verified
  }

  @Test(arguments: engines)
  func aDatabaseOfTheLastReleaseMigratesAndVerifies(engine: String) async throws {
    let dump = engine == "sqlite" ? "hub-3c2aeaf.sqlite.sql" : "hub-3c2aeaf.postgres.sql"
    let (store, cleanup) = try restore(
      try String(contentsOf: Self.fixtures.appendingPathComponent(dump), encoding: .utf8), on: engine)
    defer { cleanup() }
    let before = try await store.count()
    try await store.prepare()
    try await store.prepare()  // a second instance finds it migrated and leaves it alone
    #expect(try await store.schemaVersion() == HubSchema.currentVersion)
    #expect(try await store.count() == before && before == 40)
    #expect(try await verifyEveryChain(store) == 40)
    let tallies = try await store.tallies(by: .window, in: nil)
    #expect(tallies.map(\.count).reduce(0, +) == 40)
    #expect(Set(tallies.map(\.key)).count > 1)
    #expect(try await store.devices().allSatisfy { $0.lastContactMilliseconds != nil })
  }

  @Test(arguments: engines)
  func aDatabaseFromBeforeAnyAddedColumnGainsThemFilled(engine: String) async throws {
    // The first schema alone, and two records whose bodies hold what the added columns index.
    let pad = try TestPad()
    let records = try pad.rate(2).map(WireRecord.init)
    let card = try HubJSON.encode(pad.card)
    func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
    let rows = records.map { record in
      "(\(quoted(pad.card.fingerprint)), \(record.seq), \(quoted(record.uuid)), 'rating', "
        + "\(quoted(HubJSON.body(record))), 1)"
    }
    let first = HubSchema.migrations[0].statements(engine == "sqlite" ? .sqlite : .postgres)
    let sql =
      first.map { $0 + ";\n" }.joined()
      + "INSERT INTO devices VALUES (\(quoted(pad.card.fingerprint)), 'old-pad', \(quoted(card)), 2, "
      + "\(quoted(records[1].hash)), NULL);\n"
      + "INSERT INTO records VALUES \(rows.joined(separator: ", "));\n"
    let (store, cleanup) = try restore(sql, on: engine)
    defer { cleanup() }
    try await store.prepare()
    #expect(try await store.schemaVersion() == HubSchema.currentVersion)
    #expect(try await verifyEveryChain(store) == 2)
    let stored = try await store.records(kinds: ["rating"])
    #expect(stored.map(\.wallMilliseconds) == records.map(\.wallMilliseconds))
    #expect(stored.allSatisfy { $0.clock == ClockCorrection.Standing(arriving: $0.record) })
    let byWindow = try await store.tallies(by: .window, in: nil)
    #expect(byWindow.allSatisfy { $0.key == records[0].transaction?.window })
    #expect(byWindow.map(\.count).reduce(0, +) == 2)
  }
}
