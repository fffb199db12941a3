import Foundation
import Hub
import Ledger
import RecordChain
import SyncProtocol
import SyncTestSupport
import Testing

/// The usual order in a hall: installers provision a pad, the hub's operator enrols it later. The
/// real `ratingpad` pushes to the real `ratingpad-hub` all along; a hub that does not know the pad
/// yet is asked again, never turned into a dead letter, and the pad needs no restart.
@Suite struct EnrolledAfterProvisioningTests {
  @Test func aPushOnlyPadProvisionedBeforeItsEnrolmentReachesTheHubOnceEnrolled() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("enrol-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let pushToken = "window-7-push-token-0001"
    let apiToken = "window-7-api-token-00001"
    let database = directory + "/hub.sqlite"
    try "listen = \"127.0.0.1:0\"\ndatabase = \"\(database)\"\n".write(
      toFile: directory + "/hub.toml", atomically: true, encoding: .utf8)
    let hub = try HubProcess(config: directory + "/hub.toml", directory: directory, name: "hub")
    defer { hub.stop() }
    try await eventually("the hub listening") { hub.port != nil }

    let config = try writePadConfiguration(
      directory: directory, hubPort: hub.port!, pushToken: pushToken, apiToken: apiToken)
    // Three ratings made before anyone enrols the pad (the agent pushes them and is refused).
    let script = directory + "/rate.script"
    try "open BJ-1 1137\nwait 1000\ntap very_dissatisfied\nskip\nopen BJ-2 1137\nwait 1000\ntap satisfied\n"
      .write(toFile: script, atomically: true, encoding: .utf8)
    let scripted = try await runAgent(["run", "--headless", "--config", config, "--script", script])
    #expect(scripted.status == 0, "\(scripted.output)")

    let agent = try PadProcess(config: config, directory: directory)
    defer { agent.stop() }
    try await eventually("the agent's API listening") { agent.port != nil }
    let api = HubClient(base: "http://127.0.0.1:\(agent.port!)", token: apiToken)
    func health() async throws -> HealthReport? {
      guard let answer = try? await api.get("/v1/health"), answer.status == 200 else { return nil }
      return try WireCoding.decoder().decode(HealthReport.self, from: Data(answer.body.utf8))
    }
    try await eventually(within: .seconds(60), "health saying the hub does not know the pad") {
      try await health()?.waitingForEnrolment != nil
    }
    let waiting = try #require(try await health())
    #expect(waiting.waitingForEnrolment?.contains("401") == true, "\(waiting)")
    #expect(waiting.deadLetters == 0)
    let status = try await runAgent(["status", "--config", config])
    #expect(status.output.contains("does not know this pad (yet)"), "\(status.output)")

    // The operator enrols the pad: its provisioning file and the code its screen shows.
    let key = try DeviceKey.load(path: directory + "/state/device.key")
    let enrolled = try await runHub([
      "enrol", "--database", database, "--provisioning", try provisioningFile(directory, token: pushToken),
      "--code", EnrolmentCode(deviceID: "640181-7-pad", key: key.publicKey).text,
    ])
    #expect(enrolled.status == 0, "\(enrolled.output)")
    let enrolledAt = ContinuousClock.now
    let ledger = try LedgerStore.openForReading(path: directory + "/state/ledger.sqlite")
    let head = try ledger.head().seq
    let store = try SQLHubStore(sqlitePath: database)
    try await eventually(within: .seconds(60), "every record at the hub") {
      try await store.device(key.publicKey.fingerprint)?.lastSeq ?? 0 >= head
    }
    print("the pad's \(head) records reached the hub \(ContinuousClock.now - enrolledAt) after its enrolment")
    // Every record of the chain, each once, its ratings as the pad has them.
    let reached = try #require(try await store.device(key.publicKey.fingerprint)?.lastSeq)
    #expect(try await store.count() == Int(reached))
    let stored = try await store.records(kinds: ["rating"])
    let padRatings = try ledger.allRecords().filter { $0.entry.kind == .rating }
    #expect(stored.map(\.record.seq) == padRatings.map(\.seq))
    #expect(stored.map(\.record.level) == padRatings.map { $0.entry.level?.rawValue })
    try await eventually("health clear") { try await health()?.waitingForEnrolment == nil }
    #expect(try await health()?.deadLetters == 0)
    #expect(agent.isRunning, "the pad was not restarted")
  }
}
