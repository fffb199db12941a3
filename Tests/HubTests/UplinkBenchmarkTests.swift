import Foundation
import SyncProtocol
import SyncTestSupport
import TestSupport
import Testing

@testable import Hub

/// `ratingpad-hub bench uplink`: it fills only a scratch database, and forwards its backlog to a
/// province simulator through the real forwarder. No figure of speed is asserted (docs/benchmarks.md).
@Suite struct UplinkBenchmarkTests {
  @Test func refusesADatabaseHoldingRealPads() async throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let database = directory + "/hub.sqlite"
    let store = try SQLHubStore(sqlitePath: database)
    try await store.prepare()
    try await store.enrol(
      DeviceCard(
        fingerprint: String(repeating: "a", count: 32), publicKey: "", areaCode: "640181", department: "",
        hall: "灵武市政务服务中心", window: "7", channel: "window_pad", channelCode: 4, software: ""),
      name: "window-7")
    let config = try Self.hubConfiguration(directory, database: database, province: "http://127.0.0.1:1")
    let run = try await runHub([
      "bench", "uplink", "--database", database, "--config", config, "--backlog", "10",
    ])
    #expect(run.status != 0)
    #expect(run.output.contains("holds real pads"), "\(run.output)")
    #expect(try await store.count() == 0)
  }

  @Test func forwardsATinyBacklogToTheShandongSimulator() async throws {
    let directory = try Self.directory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let province = try ProvinceSimulator(profile: "shandong", directory: directory)
    defer { province.stop() }
    try await province.waitUntilListening()
    let database = directory + "/scratch.sqlite"
    let config = try Self.hubConfiguration(directory, database: database, province: province.base)
    let run = try await runHub([
      "bench", "uplink", "--database", database, "--config", config, "--backlog", "200",
    ])
    #expect(run.status == 0, "\(run.output)")
    #expect(run.output.contains("forwarded 200 ratings"), "\(run.output)")
    #expect(run.output.contains("4 requests of up to 50"), "\(run.output)")
    #expect(run.output.contains("[profile-limited"), "\(run.output)")
    let received = try await province.received()
    #expect(received.ratings.count == 200 && received.requests == 4, "\(received.refused)")
    #expect(Set(received.ratings.map(\.case)).count == 200)
    #expect(received.duplicates == 0 && received.refused.isEmpty)

    // A database the bench filled is not filled again: its backlog is gone.
    let again = try await runHub(["bench", "uplink", "--database", database, "--config", config])
    #expect(again.status != 0 && again.output.contains("not empty"), "\(again.output)")
  }

  private static func directory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bench-uplink-\(UUID())").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  /// A hub configuration forwarding to the Shandong interface at `province`.
  private static func hubConfiguration(_ directory: String, database: String, province: String) throws
    -> String
  {
    let secret = directory + "/app_word.secret"
    try "ratingpad-word\n".write(toFile: secret, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secret)
    let path = directory + "/hub.toml"
    try """
    listen = "127.0.0.1:0"
    database = "\(database)"
    [uplink]
    profile = "\(ProvinceSimulator.profilePath("shandong"))"
    url = "\(province)"
    [uplink.settings]
    app_mark = "ratingpad-test"
    [uplink.secrets]
    app_word = "\(secret)"

    """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }
}
