import Foundation
import Ledger
import SyncProtocol
import SyncTestSupport
import Testing

/// The real `ratingpad` pushing to a hub that lies about what it stored: an acknowledgement with
/// another chain's hash, or one past what the push carried, moves nothing; the pad keeps every
/// record and sends it again, until a hub that stored them says so with their hash.
@Suite struct LyingHubTests {
  @Test func aHubAcknowledgingAWrongHashOrUnsentRecordsMovesNothingAndThePadSendsThemAgain() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lying-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let hub = try TestHub()
    defer { Task { [hub] in await hub.stop() } }
    let pullToken = try tokenFile(directory, "pull.token", "window-7-pull-token-0001")
    let pushToken = try tokenFile(directory, "push.token", "window-7-push-token-0001")
    // The key first, so the hub can enrol it before the pad's first push.
    try FileManager.default.createDirectory(
      atPath: directory + "/pad-state", withIntermediateDirectories: true)
    let key = try DeviceKey.create(path: directory + "/pad-state/device.key").publicKey
    hub.mode.withLock { $0 = .acknowledgeAnotherChain }
    try await hub.start(
      enrolling: DeviceCard(
        fingerprint: key.fingerprint, publicKey: key.base64, areaCode: "640181", department: "", hall: "",
        window: "7", channel: "window_pad", channelCode: 1, software: ""))
    let pad = try PadConfigurationFile(
      directory: directory, hubTokenFile: pullToken,
      push: .init(
        url: hub.pushURL, tokenFile: pushToken, extra: "backoff_base_seconds = 1\nbackoff_cap_seconds = 1"))
    // Waits of a second: a tap sooner than 300 ms after the prompt shows is a suspect press, and
    // a loaded machine may show it late.
    let script = directory + "/rate.script"
    try "open BJ-1 1137\nwait 1000\ntap very_dissatisfied\nskip\n".write(
      toFile: script, atomically: true, encoding: .utf8)
    let rated = try await runAgent(["run", "--headless", "--config", pad.path, "--script", script])
    #expect(rated.status == 0, "\(rated.output)")

    let agent = try PadProcess(config: pad.path, directory: directory)
    defer { agent.stop() }
    let ledger = try LedgerStore.openForReading(path: pad.ledger)
    for lie in [TestHub.Mode.acknowledgeAnotherChain, .acknowledgeBeyond] {
      hub.mode.withLock { $0 = lie }
      let asked = hub.requests.withLock { $0 }
      // Three more pushes of the same records: each answered with the lie, each believed not.
      try await eventually("the pad sending its records again (\(lie))") {
        hub.requests.withLock { $0 } >= asked + 3
      }
      #expect(try ledger.acknowledgedThrough() == 0, "\(lie): the cursor stays")
      #expect(try ledger.head().seq >= 3)
    }
    #expect(agent.logText.contains("critical"), "the pad says so: \(agent.logText.suffix(2000))")

    // A hub that stored them and names their hash: the cursor reaches the head.
    hub.mode.withLock { $0 = .normal }
    try await eventually("the records acknowledged") {
      let head = try ledger.head().seq
      let stored = try await hub.storedSeqs()
      return try ledger.acknowledgedThrough() == head && stored == Array(1...head)
    }
    let ratings = try await hub.store.records(kinds: ["rating"])
    #expect(ratings.map(\.record.level) == ["very_dissatisfied"], "\(rated.output)")
  }
}
