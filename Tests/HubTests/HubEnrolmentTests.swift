import Foundation
@testable import Hub
import SyncProtocol
import SyncTestSupport
import Testing

/// Pads enrolled in the hub's database from their provisioning file and enrolment code, pushing
/// with the token the file gave them, and listed with their last contact and backlog.
@Suite struct HubEnrolmentTests {
  @Test func anEnrolmentCodeCarriesTheKeyAndABadOneIsNamed() throws {
    let pad = try TestPad()
    let code = EnrolmentCode(deviceID: "640181-7-pad", key: pad.key.publicKey)
    #expect(code.text == "ratingpad:640181-7-pad:\(pad.card.fingerprint):\(pad.card.publicKey)")
    #expect(try EnrolmentCode(text: code.text + "\n") == code)
    #expect(throws: EnrolmentCodeError.notACode("hello")) { try EnrolmentCode(text: "hello") }
    // The code of a pad provisioned before codes carried the key.
    let old = "ratingpad:640181-7-pad:\(pad.card.fingerprint)"
    #expect(throws: EnrolmentCodeError.self) { try EnrolmentCode(text: old) }
    #expect("\(error(of: old))".contains("2 fields, not 3"))
    let other = try TestPad()
    let mismatched = "ratingpad:640181-7-pad:\(other.card.fingerprint):\(pad.card.publicKey)"
    #expect("\(error(of: mismatched))".contains("is not its key's"))
    #expect("\(error(of: "ratingpad:x:y:not-base64!"))".contains("not a base64 Ed25519 key"))
  }

  private func error(of text: String) -> any Error {
    do {
      _ = try EnrolmentCode(text: text)
      return EnrolmentCodeError.notACode("accepted")
    } catch { return error }
  }

  @Test(arguments: HubStoreTests.databases)
  func aPushTokenIsOnePadsAndMovesOnlyToANewKeyOfTheSamePad(database: String) async throws {
    let (store, cleanup) = try await HubStoreTests().open(database)
    defer { cleanup() }
    try await store.prepare()
    let (first, other, rekeyed) = (try TestPad(), try TestPad(), try TestPad())
    let token = PushTokenHash.of(authorization: "Bearer push-\(UUID())")
    let name = "window-7-\(UUID().uuidString.prefix(6))"
    try await store.enrolPad(first.card, name: name, tokenHash: token)
    // Another pad given the same token by mistake: refused, naming the pad that holds it.
    await #expect(throws: EnrolmentRefusal.self) {
      try await store.enrolPad(other.card, name: "window-9-\(UUID().uuidString.prefix(6))", tokenHash: token)
    }
    #expect(try await store.device(withTokenHash: token)?.fingerprint == first.card.fingerprint)
    #expect(try await store.device(other.card.fingerprint) == nil)
    // The same pad re-keyed and enrolled again: the token moves to its new key, the old one is kept.
    try await store.enrolPad(rekeyed.card, name: name, tokenHash: token)
    #expect(try await store.device(withTokenHash: token)?.fingerprint == rekeyed.card.fingerprint)
    #expect(try await store.device(first.card.fingerprint)?.name == name)
    #expect(try await store.device(named: name)?.fingerprint == rekeyed.card.fingerprint)
  }

  @Test func aPadEnrolledInTheDatabasePushesWithItsTokenAndIsListed() async throws {
    let pad = try TestPad()
    try pad.rate(30)
    let directory = pad.directory
    let database = directory + "/hub.sqlite"
    let code = EnrolmentCode(deviceID: "640181-7-pad", key: pad.key.publicKey).text
    let firstToken = "window-7-push-token-0001"
    let enrolled = try await runHub([
      "enrol", "--database", database, "--provisioning", try provisioningFile(directory, token: firstToken),
      "--code", code,
    ])
    #expect(enrolled.status == 0, "\(enrolled.output)")
    #expect(enrolled.output.contains("enrolled 640181-7-pad: 灵武市政务服务中心, window 7"))
    // Mistakes are named: the file's line and key, or the code.
    let noHall = try provisioningFile(directory, token: firstToken, hall: "")
    let badFile = try await runHub([
      "enrol", "--database", database, "--provisioning", noHall, "--code", code,
    ])
    #expect(badFile.status != 0 && badFile.output.contains("device.hall"), "\(badFile.output)")
    let badCode = try await runHub([
      "enrol", "--database", database, "--provisioning", try provisioningFile(directory, token: firstToken),
      "--code", "ratingpad:640181-7-pad:\(pad.card.fingerprint)",
    ])
    #expect(badCode.status != 0 && badCode.output.contains("enrolment code"), "\(badCode.output)")

    // A hub with no [[pad]] in its configuration: the pad is known from the database alone.
    let config = directory + "/hub.toml"
    try "listen = \"127.0.0.1:0\"\ndatabase = \"\(database)\"\n".write(
      toFile: config, atomically: true, encoding: .utf8)
    let hub = try HubProcess(config: config, directory: directory, name: "hub")
    defer { hub.stop() }
    try await eventually("the hub listening") { hub.port != nil }
    func push(after: Int64, limit: Int, token: String) async throws -> (status: Int, body: String) {
      let page = try await pad.sync.page(after: after, limit: limit)
      return try await HubClient(base: "http://127.0.0.1:\(hub.port!)", token: token)
        .post("/v1/push", String(decoding: page.jsonBytes(), as: UTF8.self))
    }
    #expect(try await push(after: 0, limit: 20, token: firstToken).status == 200)
    #expect(try await push(after: 20, limit: 5, token: "someone-elses-token-0001").status == 401)
    // Listed with its last contact and what it still holds (the page said its head is 30).
    let listed = try await runHub(["devices", "--database", database]).output
    #expect(
      listed.contains("640181-7-pad\t\(pad.card.fingerprint)\tthrough seq 20\tlast contact 20"), "\(listed)")
    #expect(listed.contains("\tbacklog 10\tchain intact"), "\(listed)")

    // Enrolled again with a new token: the old one is refused at once, the chain is kept.
    let secondToken = "window-7-push-token-0002"
    #expect(
      try await runHub([
        "enrol", "--database", database, "--provisioning",
        try provisioningFile(directory, token: secondToken),
        "--code", code,
      ]).status == 0)
    #expect(try await push(after: 20, limit: 10, token: firstToken).status == 401)
    let answer = try await push(after: 20, limit: 10, token: secondToken)
    #expect(answer.status == 200 && answer.body.contains("\"through\":30"), "\(answer.body)")
    let store = try SQLHubStore(sqlitePath: database)
    #expect(try await store.records(kinds: ["rating"]).map(\.record.seq) == Array(1...30))
    #expect(try await store.device(pad.card.fingerprint)?.backlog == 0)
    #expect(
      try await runHub(["devices", "--database", database]).output.contains("\tbacklog 0\tchain intact"))
    // Reports know its hall and window from the provisioning file.
    let report = try await runHub(["report", "--database", database, "--by", "window"]).output
    #expect(report.contains("灵武市政务服务中心 / 3\t30"), "\(report)")
  }
}
