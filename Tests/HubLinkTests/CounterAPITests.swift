import Foundation
import HubLink
import SyncProtocol
import SyncTestSupport
import Testing

/// The counter system's side of the API: open a prompt, read its status, never learn the level.
@Suite struct CounterAPITests {
  let order = #"{"transaction_number":"BJ-2026-0001","service_item_code":"11640181MB01","staff_number":"S1"}"#

  @Test func aPromptOpensAndItsStatusFollowsTheLedger() async throws {
    let pad = try TestPad()
    try await pad.serve()
    let counter = HubClient(base: pad.base, token: "counter-secret-0123456789")
    let opened = try await counter.post("/v1/prompts", order)
    #expect(opened.status == 201)
    let state = try WireCoding.decoder().decode(PromptState.self, from: Data(opened.body.utf8))
    #expect(state.status == .open && state.promptID == "prompt-for-BJ-2026-0001")
    #expect(try await counter.get("/v1/prompts/\(state.promptID)").body.contains(#""status":"open""#))
    // Rated on the pad: the status says so, and never which level.
    _ = try pad.writer.append(
      LedgerEntryFixture.rating(prompt: state.promptID, level: .veryDissatisfied), at: .now())
    pad.desk.markRated("BJ-2026-0001")
    await pad.desk.closeAll()
    let rated = try await counter.get("/v1/prompts/\(state.promptID)")
    let fields = try JSONSerialization.jsonObject(with: Data(rated.body.utf8)) as? [String: String]
    #expect(fields == ["prompt_id": "prompt-for-BJ-2026-0001", "status": "rated"])
    #expect(!rated.body.contains("dissatisfied"))
    let again = try await counter.post("/v1/prompts", order)
    #expect(again.status == 409 && again.body.contains("该办件已评价"))
    #expect(try await counter.get("/v1/prompts/nobody").status == 404)
    await pad.stop()
  }

  @Test func badOrdersAreRefusedNamingTheField() async throws {
    let pad = try TestPad()
    try await pad.serve()
    let counter = HubClient(base: pad.base, token: "counter-secret-0123456789")
    let cases: [(String, String)] = [
      (#"{"service_item_code":"X"}"#, "missing field 'transaction_number'"),
      (#"{"transaction_number":"","service_item_code":"X"}"#, "办件编号"),
      (#"{"transaction_number":"\#(String(repeating: "9", count: 51))","service_item_code":"X"}"#, "办件编号"),
      (#"{"transaction_number":"A","service_item_code":"X","stage":"later"}"#, "later"),
      (#"{"transaction_number":7,"service_item_code":"X"}"#, "transaction_number"),
      ("not json", "not JSON"),
    ]
    for (body, named) in cases {
      let answer = try await counter.post("/v1/prompts", body)
      #expect(answer.status == 400, "\(body)")
      #expect(answer.body.contains(named), "\(body) → \(answer.body)")
    }
    await pad.stop()
  }

  @Test func onlyAllowedAddressesMayOpenPrompts() async throws {
    let pad = try TestPad()
    try await pad.serve(counterAddresses: try AddressAllowList(["10.1.2.0/24"]))
    let counter = HubClient(base: pad.base, token: "counter-secret-0123456789")
    let answer = try await counter.post("/v1/prompts", order)
    #expect(answer.status == 403 && answer.body.contains("forbidden_address"))
    await pad.stop()
  }

  @Test func allowListsMatchAddressesAndNetworks() throws {
    let list = try AddressAllowList(["10.1.2.0/24", "192.168.1.7", "fd00::/8"])
    #expect(list.allows("10.1.2.200") && list.allows("192.168.1.7") && list.allows("fd00::1"))
    #expect(list.allows("::ffff:10.1.2.3"))
    #expect(!list.allows("10.1.3.1") && !list.allows("192.168.1.8") && !list.allows("fe80::1"))
    #expect(!list.allows("not an address"))
    #expect(throws: LinkError.badAddress("10.1.2.0/33")) { try AddressAllowList(["10.1.2.0/33"]) }
    #expect(throws: LinkError.badAddress("hall-a")) { try AddressAllowList(["hall-a"]) }
  }

  @Test func tokensAreLongFilesReadableOnlyByTheAgent() throws {
    #expect(throws: TokenError.self) { try AccessToken(secret: "short") }
    let token = try AccessToken(secret: "0123456789abcdef")
    #expect(token.matches(authorization: "Bearer 0123456789abcdef"))
    #expect(!token.matches(authorization: "Bearer 0123456789abcdeg"))
    #expect(!token.matches(authorization: "Bearer 0123456789abcdef0"))
    #expect(!token.matches(authorization: "0123456789abcdef"))
    #expect(!token.matches(authorization: nil))
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID())").path
    FileManager.default.createFile(
      atPath: path, contents: Data("0123456789abcdef\n".utf8), attributes: [.posixPermissions: 0o644])
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(throws: TokenError.self) { try AccessToken.load(path: path) }
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    #expect(try AccessToken.load(path: path).matches(authorization: "Bearer 0123456789abcdef"))
  }

  @Test func backoffGrowsWithFullJitterUpToItsCap() {
    let backoff = Backoff()
    #expect(backoff.ceiling(afterFailures: 0) == .zero)
    #expect(backoff.ceiling(afterFailures: 1) == .seconds(5))
    #expect(backoff.ceiling(afterFailures: 2) == .seconds(10))
    #expect(backoff.ceiling(afterFailures: 8) == .seconds(600))
    #expect(backoff.ceiling(afterFailures: 1000) == .seconds(600))
    #expect(backoff.delay(afterFailures: 3, unit: 0) == .zero)
    #expect(backoff.delay(afterFailures: 3, unit: 0.5) == .seconds(10))
  }
}
