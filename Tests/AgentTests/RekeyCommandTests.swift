import Foundation
import Testing

/// The real `ratingpad` with a ledger whose device key is gone: `run` refuses, naming the fault
/// and the way on; `rekey` sets the old ledger aside; `run` then works and `verify` passes.
@Suite(.serialized) struct RekeyCommandTests {
  @Test func aLostKeyStopsTheAgentUntilRekeyed() async throws {
    let pad = try PadFixture()
    let script = try pad.script("open BJ-1 1137\nwait 400\ntap very_satisfied\n")
    #expect(
      try await Ratingpad.run(["run", "--headless", "--config", pad.config, "--script", script]).status == 0)
    let key = pad.directory + "/state/device.key"
    try FileManager.default.removeItem(atPath: key)

    let refused = try await Ratingpad.run(["run", "--headless", "--config", pad.config, "--script", script])
    #expect(refused.status != 0)
    #expect((refused.out + refused.err).contains("FAULT E-DEVICE-KEY"), "\(refused.out)\(refused.err)")
    #expect(refused.err.contains("device key \(key) is missing"), "\(refused.err)")
    #expect(refused.err.contains("ratingpad rekey"), "\(refused.err)")
    #expect(!FileManager.default.fileExists(atPath: key), "a key was made behind the technician's back")

    // As the service (no script) it stays up out of service rather than exit and be started
    // again every second; the status line names the way on; a stop ends it.
    let log = pad.directory + "/held.log"
    FileManager.default.createFile(atPath: log, contents: nil)
    let held = Process()
    held.executableURL = URL(fileURLWithPath: Ratingpad.binary)
    held.arguments = ["run", "--headless", "--config", pad.config]
    held.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    held.standardError = held.standardOutput
    try held.run()
    let holding = ContinuousClock.now + .seconds(30)
    func heldText() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
    while !heldText().contains("out of service until stopped"), held.isRunning, ContinuousClock.now < holding
    {
      try await Task.sleep(for: .milliseconds(50))
    }
    #expect(
      heldText().contains("FAULT E-DEVICE-KEY") && heldText().contains("ratingpad rekey"), "\(heldText())")
    try await Task.sleep(for: .seconds(1))
    #expect(held.isRunning, "the agent holds out of service: \(heldText())")
    kill(held.processIdentifier, SIGTERM)
    held.waitUntilExit()
    #expect(held.terminationStatus == 0 && heldText().contains("stopped by signal"), "\(heldText())")
    #expect(!FileManager.default.fileExists(atPath: key), "a key was made behind the technician's back")

    let rekey = try await Ratingpad.run(["rekey", "--config", pad.config])
    #expect(rekey.status == 0, "\(rekey.err)")
    #expect(rekey.out.contains("ledger_reset recorded as seq 1"), "\(rekey.out)")
    #expect(rekey.out.contains("enrolment    ratingpad:"), "\(rekey.out)")
    // Once is enough: a key that loads is not replaced.
    let again = try await Ratingpad.run(["rekey", "--config", pad.config])
    #expect(again.status != 0 && again.err.contains("only a lost key is replaced"), "\(again.err)")

    let run = try await Ratingpad.run(["run", "--headless", "--config", pad.config, "--script", script])
    #expect(run.status == 0, "\(run.err)")
    #expect(try await Ratingpad.run(["verify", "--config", pad.config]).status == 0)
    let json = try await Ratingpad.run(["export", "--config", pad.config, "--format", "json"])
    let records = try #require(
      try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
    #expect(records.compactMap { $0["kind"] as? String }.prefix(3) == ["ledger_reset", "boot", "rating"])
    let detail = records.first?["detail"] as? String ?? ""
    #expect(detail.contains("device key was lost") && detail.contains("seq 1…"), "\(detail)")
    let kept = try FileManager.default.contentsOfDirectory(atPath: pad.directory + "/state")
    #expect(kept.contains { $0.hasPrefix("ledger.sqlite.lost-key-") }, "\(kept)")
  }
}
