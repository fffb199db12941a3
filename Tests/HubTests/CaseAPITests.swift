import AsyncHTTPClient
import Crypto
import Foundation
@testable import Hub
import NIOCore
import SyncTestSupport
import Testing

/// The case API through the real `ratingpad-hub` on loopback: the counter system's token, every
/// field checked and named, the applicant's identity never answered and never in the database
/// file in plain text, forgotten after the forward, and a key file that is not safe refused.
@Suite struct CaseAPITests {
  let counterToken = "counter-system-token-0001"

  /// A directory with the token file and a hub configuration with `[cases]` (or without).
  func hubDirectory(cases: Bool = true, keyName: String = "case.key") throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cases-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    try counterToken.write(toFile: directory + "/counter.token", atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o600], ofItemAtPath: directory + "/counter.token")
    var config = "listen = \"127.0.0.1:0\"\ndatabase = \"\(directory)/hub.sqlite\"\n"
    if cases {
      config += """
        [cases]
        token_file = "\(directory)/counter.token"
        key_file = "\(directory)/\(keyName)"
        retention_days = 0

        """
    }
    try config.write(toFile: directory + "/hub.toml", atomically: true, encoding: .utf8)
    return directory
  }

  /// The two methods of the case API.
  enum Verb { case PUT, GET }

  /// Sends a request; the token when given, no Authorization header when nil.
  func send(_ method: Verb, _ url: String, body: String? = nil, token: String?) async throws -> (
    status: Int, body: String
  ) {
    var request = HTTPClientRequest(url: url)
    request.method = method == .PUT ? .PUT : .GET
    if let token { request.headers.add(name: "Authorization", value: "Bearer " + token) }
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(string: body))
    }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
  }

  @Test func theCounterSystemPutsACaseAndNeverReadsTheIdentityBack() async throws {
    let directory = try hubDirectory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let hub = try HubProcess(config: directory + "/hub.toml", directory: directory, name: "hub")
    defer { hub.stop() }
    try await eventually("the hub listening") { hub.port != nil }
    // The key file was made at start: 32 bytes, for the hub's user alone.
    let key = try FileManager.default.attributesOfItem(atPath: directory + "/case.key")
    #expect((key[.posixPermissions] as? Int) == 0o600 && (key[.size] as? Int) == 32)
    let cases = "http://127.0.0.1:\(hub.port!)/v1/cases/"
    // A number with a character the path must percent-encode.
    let number = "BJ 2026/0001"
    let url = cases + number.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!

    let created = try await send(.PUT, url, body: CaseFixtures.body(), token: counterToken)
    #expect(created.status == 201, "\(created.body)")
    let again = try await send(
      .PUT, url, body: CaseFixtures.body(["status": "in_progress"]), token: counterToken)
    #expect(again.status == 200, "\(again.body)")
    let read = try await send(.GET, url, token: counterToken)
    #expect(read.status == 200, "\(read.body)")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(read.body.utf8)) as? [String: Any])
    #expect(json["number"] as? String == number && json["status"] as? String == "in_progress")
    #expect(json["department_credit_code"] as? String == "11640181MB1957123X")
    #expect(json["accepted_at"] as? Int == 1_796_434_200_000 && json["forwarded"] as? Bool == false)
    let applicant = try #require(json["applicant"] as? [String: Any])
    #expect(applicant["type"] as? String == "natural_person" && applicant["held"] as? Bool == true)
    #expect(applicant.count == 2, "\(applicant)")
    for answer in [created, again, read] {
      #expect(
        !answer.body.contains(CaseFixtures.applicantName) && !answer.body.contains(CaseFixtures.idCardNumber))
    }

    // Each bad field refused, naming it.
    for (status, body, field) in [
      (422, CaseFixtures.body(["department_credit_code": "11640181MB1957123O"]), "department_credit_code"),
      (
        422, CaseFixtures.body(applicant: ["certificate_number": "110105194912310021"]),
        "applicant.certificate_number"
      ),
      (422, CaseFixtures.body(["status": "archived"]), "status"),
      (422, CaseFixtures.body(applicant: ["certificate_type": "library_card"]), "applicant.certificate_type"),
      (400, CaseFixtures.body(["task_code": 17]), "task_code"),
      (400, "{\"task_code\": ", "not JSON"),
    ] {
      let refused = try await send(.PUT, url, body: body, token: counterToken)
      #expect(refused.status == status && refused.body.contains(field), "\(field): \(refused)")
    }
    let overlong = try await send(
      .PUT, cases + String(repeating: "9", count: 51), body: CaseFixtures.body(), token: counterToken)
    #expect(overlong.status == 400 && overlong.body.contains("'number'"), "\(overlong)")
    let huge = try await send(
      .PUT, url, body: CaseFixtures.body(["handler": String(repeating: "x", count: 70_000)]),
      token: counterToken)
    #expect(huge.status == 413, "\(huge)")
    for token in [nil, "counter-system-token-0002"] {
      let put = try await send(.PUT, url, body: CaseFixtures.body(), token: token)
      let get = try await send(.GET, url, token: token)
      #expect(put.status == 401 && get.status == 401, "\(put) \(get)")
      #expect(!get.body.contains("BJ"))
    }
    #expect(try await send(.GET, cases + "BJ-unknown", token: counterToken).status == 404)

    // Nowhere in the database's files in plain text (the file and its write-ahead log), where the
    // case's other fields are.
    var stored = Data()
    for file in try FileManager.default.contentsOfDirectory(atPath: directory)
    where file.hasPrefix("hub.sqlite") {
      stored += try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
    }
    #expect(stored.range(of: Data("城乡居民养老保险参保登记".utf8)) != nil)
    for secret in [CaseFixtures.applicantName, CaseFixtures.idCardNumber] {
      #expect(stored.range(of: Data(secret.utf8)) == nil, "\(secret) in the database")
    }

    // The forwarder's acknowledgement (retention 0 days), then the hub's sweep: forgotten, frozen.
    let store = try SQLHubStore(sqlitePath: directory + "/hub.sqlite")
    let key32 = try SymmetricKey(data: Data(contentsOf: URL(fileURLWithPath: directory + "/case.key")))
    let forwarder = store.cases(sealing: IdentitySeal(key: key32), retentionDays: 0)
    #expect(
      try await forwarder.caseDetails(number: number)?.applicant.identity?.name == CaseFixtures.applicantName)
    #expect(try await forwarder.markForwarded(number: number, at: 1_000))
    #expect(try await forwarder.forgetExpiredIdentities(now: 1_000) == 1)
    #expect(try await forwarder.caseDetails(number: number)?.applicant.identity == nil)
    let frozen = try await send(.PUT, url, body: CaseFixtures.body(), token: counterToken)
    #expect(frozen.status == 409 && frozen.body.contains("already_forwarded"), "\(frozen)")
    let after = try await send(.GET, url, token: counterToken)
    #expect(after.body.contains("\"held\":false") && after.body.contains("\"forwarded\":true"), "\(after)")

    // A hub forgets by itself what is past its time: at start (and hourly).
    let second = cases + "BJ-2026-0002"
    #expect(try await send(.PUT, second, body: CaseFixtures.body(), token: counterToken).status == 201)
    #expect(try await forwarder.markForwarded(number: "BJ-2026-0002", at: 1_000))
    hub.stop()
    let restarted = try HubProcess(config: directory + "/hub.toml", directory: directory, name: "hub-2")
    defer { restarted.stop() }
    try await eventually("the second hub listening") { restarted.port != nil }
    try await eventually("the identity forgotten by the hub") {
      try await forwarder.storedCase(number: "BJ-2026-0002")?.identityHeld == false
    }
  }

  @Test func withoutACasesSectionThereIsNoCaseAPI() async throws {
    let directory = try hubDirectory(cases: false)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let hub = try HubProcess(config: directory + "/hub.toml", directory: directory, name: "hub")
    defer { hub.stop() }
    try await eventually("the hub listening") { hub.port != nil }
    let put = try await send(
      .PUT, "http://127.0.0.1:\(hub.port!)/v1/cases/BJ-1", body: CaseFixtures.body(), token: counterToken)
    #expect(put.status == 404, "\(put)")
  }

  @Test func aKeyFileOfAnotherSizeOrReadableByOthersIsRefusedAtStartNamingTheKey() async throws {
    let directory = try hubDirectory(keyName: "bad.key")
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let key = directory + "/bad.key"
    for (bytes, mode, said) in [
      (31, 0o600, "has 31 bytes"), (32, 0o644, "readable by others"), (32, 0o640, "readable by others"),
    ] {
      FileManager.default.createFile(
        atPath: key, contents: Data(repeating: 7, count: bytes), attributes: [.posixPermissions: mode])
      try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: key)
      let refused = try await runHub(["serve", "--config", directory + "/hub.toml"])
      #expect(refused.status != 0, "\(refused.output)")
      #expect(refused.output.contains("cases.key_file") && refused.output.contains(said), "\(refused.output)")
      try FileManager.default.removeItem(atPath: key)
    }
  }
}
