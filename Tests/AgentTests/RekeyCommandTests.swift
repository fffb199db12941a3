import Foundation
import Testing

/// The real `ratingpad` with a ledger whose device key is gone: `run` refuses, naming the fault
/// and the way on; `rekey` sets the old ledger aside; `run` then works and `verify` passes.
@Suite(.serialized) struct RekeyCommandTests {
  @Test func aLostKeyStopsTheAgentUntilRekeyed() throws {
    let pad = try PadFixture()
    let script = try pad.script("open BJ-1 1137\nwait 400\ntap very_satisfied\n")
    #expect(try Ratingpad.run(["run", "--headless", "--config", pad.config, "--script", script]).status == 0)
    let key = pad.directory + "/state/device.key"
    try FileManager.default.removeItem(atPath: key)

    let refused = try Ratingpad.run(["run", "--headless", "--config", pad.config, "--script", script])
    #expect(refused.status != 0)
    #expect((refused.out + refused.err).contains("FAULT E-DEVICE-KEY"), "\(refused.out)\(refused.err)")
    #expect(refused.err.contains("device key \(key) is missing"), "\(refused.err)")
    #expect(refused.err.contains("ratingpad rekey"), "\(refused.err)")
    #expect(!FileManager.default.fileExists(atPath: key), "a key was made behind the technician's back")

    let rekey = try Ratingpad.run(["rekey", "--config", pad.config])
    #expect(rekey.status == 0, "\(rekey.err)")
    #expect(rekey.out.contains("ledger_reset recorded as seq 1"), "\(rekey.out)")
    #expect(rekey.out.contains("enrolment    ratingpad:"), "\(rekey.out)")
    // Once is enough: a key that loads is not replaced.
    let again = try Ratingpad.run(["rekey", "--config", pad.config])
    #expect(again.status != 0 && again.err.contains("only a lost key is replaced"), "\(again.err)")

    let run = try Ratingpad.run(["run", "--headless", "--config", pad.config, "--script", script])
    #expect(run.status == 0, "\(run.err)")
    #expect(try Ratingpad.run(["verify", "--config", pad.config]).status == 0)
    let json = try Ratingpad.run(["export", "--config", pad.config, "--format", "json"])
    let records = try #require(
      try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
    #expect(records.compactMap { $0["kind"] as? String }.prefix(3) == ["ledger_reset", "boot", "rating"])
    let detail = records.first?["detail"] as? String ?? ""
    #expect(detail.contains("device key was lost") && detail.contains("seq 1…"), "\(detail)")
    let kept = try FileManager.default.contentsOfDirectory(atPath: pad.directory + "/state")
    #expect(kept.contains { $0.hasPrefix("ledger.sqlite.lost-key-") }, "\(kept)")
  }
}
