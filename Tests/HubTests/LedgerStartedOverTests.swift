import Foundation
import Hub
import Ledger
import RecordChain
import SyncProtocol
import SyncTestSupport
import Testing

/// A pad's ledger started over, through the real `ratingpad` and `ratingpad-hub` on loopback:
/// deleted, it continues under a new key the hub takes as the old one's successor, so every new
/// rating is stored and the old chain stays intact; restored from an old backup (same key), its
/// new records are a fork the hub flags and keeps, and the pad's cursor does not move over them.
@Suite(.serialized) struct LedgerStartedOverTests {
  /// A hub, and a pad enrolled at it whose records all reached it; removed afterwards.
  final class EnrolledPad {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("over-\(UUID())").path
    let hub: HubProcess
    let database: String
    let config: String
    var state: String { directory + "/state" }
    var ledger: String { state + "/ledger.sqlite" }
    private let pushToken = "window-7-push-token-0001"
    private let apiToken = "window-7-api-token-00001"
    private var scripts = 0

    init() async throws {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      database = directory + "/hub.sqlite"
      try "listen = \"127.0.0.1:0\"\ndatabase = \"\(database)\"\n".write(
        toFile: directory + "/hub.toml", atomically: true, encoding: .utf8)
      hub = try HubProcess(config: directory + "/hub.toml", directory: directory, name: "hub")
      try await eventually("the hub listening") { [hub] in hub.port != nil }
      config = try writePadConfiguration(
        directory: directory, hubPort: hub.port!, pushToken: pushToken, apiToken: apiToken)
    }

    /// Points the pad at another hub port (one nobody listens on keeps it offline).
    func configure(hubPort: Int) throws {
      _ = try writePadConfiguration(
        directory: directory, hubPort: hubPort, pushToken: pushToken, apiToken: apiToken)
    }

    deinit {
      hub.stop()
      try? FileManager.default.removeItem(atPath: directory)
    }

    /// Plays `script` on the pad (`ratingpad run --headless --script`), which ends when it has.
    func play(_ script: String) async throws {
      scripts += 1
      let path = directory + "/rate-\(scripts).script"
      try script.write(toFile: path, atomically: true, encoding: .utf8)
      let run = try await runAgent(["run", "--headless", "--config", config, "--script", path])
      #expect(run.status == 0, "\(run.output)")
    }

    /// Enrols the pad's current key as the operator does: its provisioning file and screen code.
    func enrol() async throws {
      let key = try DeviceKey.load(path: state + "/device.key")
      let enrolled = try await runHub([
        "enrol", "--database", database, "--provisioning", try provisioningFile(directory, token: pushToken),
        "--code", EnrolmentCode(deviceID: "640181-7-pad", key: key.publicKey).text,
      ])
      #expect(enrolled.status == 0, "\(enrolled.output)")
    }

    /// The running agent, until `body` returns.
    func running(_ body: (PadProcess) async throws -> Void) async throws {
      let agent = try PadProcess(config: config, directory: directory)
      defer { agent.stop() }
      try await body(agent)
    }

    var fingerprint: String {
      get throws { try DeviceKey.load(path: state + "/device.key").publicKey.fingerprint }
    }

    /// The pad's head seq and the cursor its hub acknowledgements moved.
    func padHead() throws -> (head: Int64, acknowledged: Int64) {
      let store = try LedgerStore.openForReading(path: ledger)
      return (try store.head().seq, try store.acknowledgedThrough())
    }

    /// Waits until the running pad's every record is acknowledged by the hub.
    func synced() async throws {
      try await eventually(within: .seconds(90), "the pad's cursor at its head") {
        let (head, acknowledged) = try padHead()
        return head > 0 && acknowledged == head
      }
    }
  }

  @Test func aLedgerDeletedAndStartedOverHasEveryNewRatingStoredAndTheOldChainIntact() async throws {
    let pad = try await EnrolledPad()
    try await pad.play(
      "open BJ-1 1137\nwait 400\ntap satisfied\nopen BJ-2 1137\nwait 400\ntap very_satisfied\nopen BJ-9 1137\nwait 400\ntap basically_satisfied\n"
    )
    try await pad.enrol()
    try await pad.running { _ in try await pad.synced() }
    let old = try pad.fingerprint
    let oldRecords = try LedgerStore.openForReading(path: pad.ledger).allRecords()
    #expect(oldRecords.contains { $0.entry.kind == .rating })
    #expect(oldRecords.count >= 5, "boots, ratings and the agent's records")
    // The agent may have written a record after its last push and before it stopped: the old
    // chain at the hub is what was acknowledged, each record as the pad wrote it.
    let store = try SQLHubStore(sqlitePath: pad.database)
    let oldHead = try #require(try await store.device(old)?.lastSeq)
    #expect(oldHead >= Int64(oldRecords.count) - 1)
    let oldChain = try await store.records(kinds: LedgerKind.allCases.map(\.rawValue)).filter {
      $0.device == old
    }
    #expect(oldChain.map(\.record.hash) == oldRecords.prefix(Int(oldHead)).map { Hex.encode($0.hash) })
    let oldRatings = oldRecords.prefix(Int(oldHead)).filter { $0.entry.kind == .rating }

    // The agent stopped, its ledger deleted whole.
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: pad.ledger + suffix) }
    try await pad.play(
      "open BJ-3 1137\nwait 400\ntap very_dissatisfied\nskip\nopen BJ-4 1137\nwait 400\ntap dissatisfied\nskip\n"
    )
    let new = try pad.fingerprint
    #expect(new != old, "the new ledger is under a new key")
    try await pad.running { agent in
      try await pad.synced()
      #expect(agent.isRunning)
    }

    // Every rating of the new chain is at the hub, as the pad has it.
    let padRatings = try LedgerStore.openForReading(path: pad.ledger).allRecords().filter {
      $0.entry.kind == .rating
    }
    #expect(padRatings.map { $0.entry.level?.rawValue } == ["very_dissatisfied", "dissatisfied"])
    let stored = try await store.records(kinds: ["rating"]).filter { $0.device == new }
    #expect(stored.map(\.record.seq) == padRatings.map(\.seq))
    #expect(stored.map(\.record.level) == padRatings.map { $0.entry.level?.rawValue })
    #expect(stored.map(\.record.hash) == padRatings.map { Hex.encode($0.hash) })
    let successor = try #require(try await store.device(new))
    #expect(successor.lastSeq == (try pad.padHead().head))
    #expect(successor.problem == nil)
    // The old chain is intact, as it was, and handed over.
    let devices = try await runHub(["devices", "--database", pad.database])
    let oldLine = try #require(devices.output.split(separator: "\n").first { $0.contains(old) })
    #expect(oldLine.contains("through seq \(oldHead)"), "\(devices.output)")
    #expect(oldLine.contains("chain intact, handed over to \(new)"), "\(devices.output)")
    let newLine = try #require(devices.output.split(separator: "\n").first { $0.contains(new) })
    #expect(newLine.contains("chain intact") && !newLine.contains("FLAGGED"), "\(devices.output)")
    let status = try await runAgent(["status", "--config", pad.config])
    #expect(status.output.contains("handed over from \(old) to \(new)"), "\(status.output)")
    let oldStored = try await store.records(kinds: ["rating"]).filter { $0.device == old }
    #expect(oldStored.map(\.record.hash) == oldRatings.map { Hex.encode($0.hash) })
  }

  @Test func aLedgerRestoredFromAnOldBackupIsAForkTheHubFlagsAndKeeps() async throws {
    let pad = try await EnrolledPad()
    try await pad.play("open BJ-1 1137\nwait 400\ntap satisfied\n")
    let backupHead = try pad.padHead().head
    #expect(backupHead >= 2, "a boot and a rating")
    // The backup: the agent is stopped; its files as they are (the WAL may hold the records).
    let backup = pad.directory + "/ledger.backup"
    for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: pad.ledger + suffix) {
      try FileManager.default.copyItem(atPath: pad.ledger + suffix, toPath: backup + suffix)
    }
    try await pad.enrol()
    try await pad.play(
      "open BJ-2 1137\nwait 400\ntap very_satisfied\nopen BJ-3 1137\nwait 400\ntap satisfied\n")
    try await pad.running { _ in try await pad.synced() }
    let fingerprint = try pad.fingerprint
    let store = try SQLHubStore(sqlitePath: pad.database)
    let hubHead = try #require(try await store.device(fingerprint)?.lastSeq)
    #expect(hubHead > backupHead)

    // The old backup restored in the ledger's place, under the same key; a new bad rating.
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: pad.ledger + suffix) }
    for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: backup + suffix) {
      try FileManager.default.copyItem(atPath: backup + suffix, toPath: pad.ledger + suffix)
    }
    // Made while the hub cannot be reached, so the first push carries the new rating too.
    try pad.configure(hubPort: try freeLoopbackPort())
    try await pad.play("open BJ-4 1137\nwait 400\ntap very_dissatisfied\nskip\n")
    try pad.configure(hubPort: pad.hub.port!)
    #expect(try pad.fingerprint == fingerprint, "a ledger with records keeps its key")
    try await pad.running { _ in
      try await eventually(within: .seconds(90), "the hub flagging the fork") {
        try await store.device(fingerprint)?.problem?.contains("fork at seq \(backupHead + 1)") == true
      }
    }
    let forked = try await store.forkedRecords(device: fingerprint)
    let padRecords = try LedgerStore.openForReading(path: pad.ledger).allRecords()
    let first = try #require(padRecords.first { $0.seq == backupHead + 1 })
    #expect(forked.first?.record.seq == backupHead + 1)
    #expect(forked.first?.record.hash == Hex.encode(first.hash))
    #expect(forked.contains { $0.record.level == "very_dissatisfied" }, "the new bad rating is kept")
    #expect(try await store.device(fingerprint)?.lastSeq == hubHead, "the hub's chain is untouched")
    #expect(try pad.padHead().acknowledged <= backupHead, "the pad's cursor did not move over the fork")
    let devices = try await runHub(["devices", "--database", pad.database])
    #expect(devices.output.contains("FLAGGED: fork at seq \(backupHead + 1)"), "\(devices.output)")
  }
}
