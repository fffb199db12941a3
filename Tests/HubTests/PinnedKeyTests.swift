import Foundation
import Hub
import Ledger
import SyncProtocol
import SyncTestSupport
import Testing

/// The hub believes a pad's address only with the key enrolled for it. A real `ratingpad` with
/// another key answering on a real pad's address (a box put in its place, or ARP spoofing) is
/// refused and named, neither enrolled nor able to flag the real device; the real pad, back on
/// its address, is pulled as before. The hub pulls with its own token, not the pad's push token.
@Suite struct PinnedKeyTests {
  @Test func anImpostorAnsweringAPullIsRefusedAndNamedAndTheRealPadIsPulledAfterIt() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pinned-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let pullToken = try tokenFile(directory, "pull.token", "window-7-pull-token-0001")
    let pushToken = try tokenFile(directory, "push.token", "window-7-push-token-0001")
    let port = try freeLoopbackPort()
    let script = directory + "/rate.script"
    try "open BJ-1 1137\nwait 1000\ntap very_dissatisfied\nskip\nopen BJ-2 1137\nwait 1000\ntap satisfied\n"
      .write(toFile: script, atomically: true, encoding: .utf8)

    // The real pad and the impostor, each with its own key and ratings; the impostor even takes
    // the hub's pull token.
    let real = try PadConfigurationFile(
      directory: directory, name: "real", apiPort: port, hubTokenFile: pullToken)
    let impostor = try PadConfigurationFile(
      directory: directory, name: "impostor", apiPort: port, hubTokenFile: pullToken)
    for pad in [real, impostor] {
      let rated = try await runAgent(["run", "--headless", "--config", pad.path, "--script", script])
      #expect(rated.status == 0, "\(rated.output)")
    }
    let realKey = try DeviceKey.load(path: real.deviceKey).publicKey
    let impostorKey = try DeviceKey.load(path: impostor.deviceKey).publicKey

    let database = directory + "/hub.sqlite"
    try """
    listen = "127.0.0.1:0"
    database = "\(database)"
    pull_interval_seconds = 1
    [[pad]]
    name = "window-7"
    url = "http://127.0.0.1:\(port)"
    token_file = "\(pushToken)"
    pull_token_file = "\(pullToken)"
    public_key = "\(realKey.base64)"
    """.write(toFile: directory + "/hub.toml", atomically: true, encoding: .utf8)
    let impostorAgent = try PadProcess(config: impostor.path, directory: directory)
    defer { impostorAgent.stop() }
    try await eventually("the impostor listening") { impostorAgent.port != nil }
    let hub = try HubProcess(config: directory + "/hub.toml", directory: directory, name: "hub")
    defer { hub.stop() }
    try await eventually("the hub refusing the impostor") { hub.logText.contains("IMPOSTOR") }

    let store = try SQLHubStore(sqlitePath: database)
    let devices = try await runHub(["devices", "--database", database])
    #expect(
      devices.output.contains("IMPOSTOR") && devices.output.contains(impostorKey.fingerprint), "\(devices)")
    #expect(
      try await store.devices().map(\.fingerprint) == [realKey.fingerprint], "the impostor is not enrolled")
    #expect(try await store.device(realKey.fingerprint)?.problem == nil, "the real device is not flagged")
    #expect(try await store.count() == 0, "nothing of the impostor's is stored")
    #expect(!hub.logText.contains("one token serves both ways"), "the hub pulls with its own token")

    // The real pad back on its address: pulled as before.
    impostorAgent.stop()
    let realAgent = try PadProcess(config: real.path, directory: directory + "/real-state")
    defer { realAgent.stop() }
    let ledger = try LedgerStore.openForReading(path: real.ledger)
    try await eventually("the real pad's records at the hub") {
      try await store.device(realKey.fingerprint)?.lastSeq == ledger.head().seq
    }
    let ratings = try await store.records(kinds: ["rating"])
    let padRatings = try ledger.allRecords().filter { $0.entry.kind == .rating }
    #expect(ratings.map(\.record.level) == ["very_dissatisfied", "satisfied"])
    #expect(ratings.map(\.record.seq) == padRatings.map(\.seq))
    #expect(ratings.allSatisfy { $0.device == realKey.fingerprint })
    #expect(try await store.device(realKey.fingerprint)?.problem == nil)

    // The operator looks, and clears the note with a reason; the audit log keeps who and why.
    let shown = try await runHub(["flag", "show", "window-7", "--database", database])
    #expect(
      shown.output.contains("impostor   ") && shown.output.contains(impostorKey.fingerprint), "\(shown)")
    let cleared = try await runHub([
      "flag", "clear", "window-7", "--database", database, "--reason", "工位交换机口被占用，已处理", "--by", "张工",
    ])
    #expect(cleared.status == 0 && cleared.output.contains("cleared"), "\(cleared)")
    #expect(try await store.device(realKey.fingerprint)?.impostor == nil)
    let audit = try await runHub(["audit", "--database", database])
    #expect(audit.output.contains("张工\tclear_flag\twindow-7 \(realKey.fingerprint)"), "\(audit)")
    let unreasoned = try await runHub(["flag", "clear", "window-7", "--database", database, "--reason", ""])
    #expect(unreasoned.status != 0 && unreasoned.output.contains("--reason"), "\(unreasoned)")
  }
}
