import Foundation
import RecordChain
import SyncProtocol
import SyncTestSupport
import Testing

@testable import Hub

/// Numbers from outside are range-checked where they enter: a page with an impossible seq, time or
/// head is refused by name, and the hub goes on serving.
@Suite struct WireEdgeTests {
  /// A real pad's first page, one field of its first record (or of the page) set to `value`.
  static func forged(
    _ page: RecordPage, record field: String? = nil, page pageField: String? = nil, _ value: Int64
  )
    throws -> String
  {
    var object = try JSONSerialization.jsonObject(with: Data(page.jsonBytes())) as! [String: Any]
    if let field {
      var records = object["records"] as! [[String: Any]]
      records[0][field] = value
      object["records"] = records
    }
    if let pageField { object[pageField] = value }
    return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
  }

  @Test func impossibleNumbersAreRefusedByNameAndTheVerifierNeverTraps() async throws {
    let pad = try TestPad()
    try pad.rate(3)
    let page = try await pad.sync.page(after: 0, limit: 3)
    for (field, value) in [
      ("seq", Int64.max), ("seq", 0), ("seq", -1), ("wall_ms", Int64.max), ("wall_ms", -1),
      ("monotonic_ns", Int64.min), ("utc_offset_seconds", 86_400),
    ] {
      let read = try RecordPage(jsonBytes: Array(try Self.forged(page, record: field, value).utf8))
      #expect(throws: WireError.self) { try read.records[0].ledgerRecord() }
      do { _ = try read.records[0].ledgerRecord() } catch {
        #expect("\(error)".contains("field \(field) cannot be '\(value)'"), "\(error)")
      }
    }
    for (field, value) in [("head_seq", Int64.min), ("acknowledged_through", -1), ("head_seq", Int64.max)] {
      #expect(throws: JSONFormatError.self) {
        try RecordPage(jsonBytes: Array(try Self.forged(page, page: field, value).utf8))
      }
    }
    // The verifier itself, handed the extremes directly.
    var records = try page.records.map { try $0.ledgerRecord() }
    records[0].seq = Int64.max
    var verifier = ChainVerifier(publicKey: pad.key.publicKey, afterSeq: Int64.max - 1)
    #expect(verifier.check(records[0]) != nil)
    verifier = ChainVerifier(publicKey: pad.key.publicKey, afterSeq: -5)
    #expect(verifier.check(records[0]) != nil)
  }

  @Test func theHubRefusesAnOverflowingPageAndKeepsServing() async throws {
    let pad = try TestPad()
    try pad.rate(3)
    let directory = pad.directory
    let database = directory + "/hub.sqlite"
    let token = "window-7-push-token-0001"
    let enrolled = try await runHub([
      "enrol", "--database", database, "--provisioning", try provisioningFile(directory, token: token),
      "--code", EnrolmentCode(deviceID: "640181-7-pad", key: pad.key.publicKey).text,
    ])
    #expect(enrolled.status == 0, "\(enrolled.output)")
    let config = directory + "/hub.toml"
    try "listen = \"127.0.0.1:0\"\ndatabase = \"\(database)\"\n".write(
      toFile: config, atomically: true, encoding: .utf8)
    let hub = try HubProcess(config: config, directory: directory, name: "hub")
    defer { hub.stop() }
    try await eventually("the hub listening") { hub.port != nil }
    let client = HubClient(base: "http://127.0.0.1:\(hub.port!)", token: token)
    let page = try await pad.sync.page(after: 0, limit: 3)

    let overflow = try await client.post("/v1/push", try Self.forged(page, record: "seq", Int64.max))
    #expect(
      overflow.status == 422 && overflow.body.contains("field seq cannot be '\(Int64.max)'"), "\(overflow)")
    let head = try await client.post("/v1/push", try Self.forged(page, page: "head_seq", Int64.min))
    #expect(head.status == 400 && head.body.contains("head_seq"), "\(head)")
    // Still serving, and the real page is stored whole.
    #expect(hub.process.isRunning)
    let real = try await client.post("/v1/push", String(decoding: page.jsonBytes(), as: UTF8.self))
    #expect(real.status == 200 && real.body.contains("\"through\":3"), "\(real)")
    #expect(try await runHub(["devices", "--database", database]).output.contains("chain intact"))
  }
}
