import AsyncHTTPClient
import Foundation
@testable import Hub
import NIOCore
import SyncProtocol
import SyncTestSupport
import TestSupport
import Testing

/// Two `ratingpad-hub serve` processes on one PostgreSQL database, the way a district outgrows
/// one machine: both pull the same pad and take its pushes in turn (as behind a load balancer).
@Suite struct HubInstancesTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"] != nil))
  func twoHubsOnOneDatabaseStoreEveryRecordOnceAndFlagNothing() async throws {
    let database = ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"]!
    let pad = try TestPad()
    try pad.rate(300, batch: 50)
    try await pad.serve()
    let directory = pad.directory
    let tokenFile = directory + "/hub.token"
    try "hub-secret-0123456789\n".write(toFile: tokenFile, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokenFile)
    let name = "window-\(UUID().uuidString.prefix(8))"
    let config = directory + "/hub.toml"
    try """
    listen = "127.0.0.1:0"
    database = "\(database)"
    pull_interval_seconds = 1
    [[pad]]
    name = "\(name)"
    url = "\(pad.base)"
    token_file = "\(tokenFile)"
    public_key = "\(pad.card.publicKey)"
    """.write(toFile: config, atomically: true, encoding: .utf8)
    let hubs = try ["a", "b"].map { try HubProcess(config: config, directory: directory, name: "hub-\($0)") }
    defer { hubs.forEach { $0.stop() } }
    try await eventually("both hubs listening") { hubs.allSatisfy { $0.port != nil } }
    let store = try SQLHubStore(postgresURL: database, logger: quietLogger)
    let fingerprint = pad.card.fingerprint
    func storedSeqs() async throws -> [Int64] {
      try await store.records(kinds: ["rating"]).filter { $0.device == fingerprint }.map(\.record.seq)
    }
    // The pull: one of the two holds the lease and pulls everything there is.
    try await eventually("the 300 ratings pulled") { try await storedSeqs().count == 300 }

    // Pushes of the next ratings, in pages that overlap, to one hub and then the other, and the
    // same page to both at once; all the while the lease holder keeps pulling.
    try pad.rate(200, batch: 50, startingAt: 300)
    func push(_ hub: HubProcess, after: Int64, limit: Int) async throws -> (status: Int, body: String) {
      let page = try await pad.sync.page(after: after, limit: limit)
      return try await HubClient(base: "http://127.0.0.1:\(hub.port!)", token: "hub-secret-0123456789")
        .post("/v1/push", String(decoding: page.jsonBytes(), as: UTF8.self))
    }
    var answers = [
      try await push(hubs[0], after: 300, limit: 50), try await push(hubs[1], after: 300, limit: 100),
      try await push(hubs[0], after: 350, limit: 100),
    ]
    async let first = push(hubs[0], after: 400, limit: 100)
    async let second = push(hubs[1], after: 400, limit: 100)
    answers += [try await first, try await second, try await push(hubs[1], after: 0, limit: 500)]
    #expect(answers.map(\.status) == [200, 200, 200, 200, 200, 200], "\(answers.map(\.body))")
    // Each answer acknowledges at least its own page: more when the pulling instance (or the other
    // push) had already stored further, never less, never past the pad's head.
    let through = answers.map {
      try? WireCoding.decoder().decode(Acknowledgement.self, from: Data($0.body.utf8)).through
    }
    for (answer, page) in zip(through, [350, 400, 450, 500, 500, 500] as [Int64]) {
      #expect(answer.map { $0 >= page && $0 <= 500 } == true, "\(through)")
    }

    #expect(try await storedSeqs() == Array(1...500))
    let device = try await store.device(fingerprint)
    #expect(device?.problem == nil && device?.lastSeq == 500)
    // Exactly one of them pulled; the other saw the lease held.
    let logs = hubs.map(\.logText)
    #expect(logs.filter { $0.contains("pulled 300 records from \(name)") }.count == 1, "\(logs)")
    #expect(
      logs.filter { $0.contains("pull of \(name): another hub instance pulls it") }.count == 1, "\(logs)")
    #expect(!logs.joined().contains("BROKEN") && !logs.joined().contains("flag"), "\(logs)")
  }
}
