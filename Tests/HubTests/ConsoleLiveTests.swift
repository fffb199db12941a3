import Foundation
@testable import Hub
import RecordChain
import SyncProtocol
import SyncTestSupport
import TestSupport
import Testing

/// The console's live feed with two hub instances on one PostgreSQL database: a rating pushed to
/// one instance reaches a console open on the other (how soon is printed: the browser tests hold
/// the page to 3 s).
@Suite struct ConsoleLiveTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"] != nil))
  func aRatingPushedToOneInstanceReachesAConsoleOnTheOther() async throws {
    let database = ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"]!
    let pad = try TestPad()
    let directory = pad.directory
    let token = "hub-secret-0123456789"
    let tokenFile = try tokenFile(directory, "hub.token", token)
    let config = directory + "/hub.toml"
    try """
    listen = "127.0.0.1:0"
    database = "\(database)"
    [[pad]]
    name = "window-\(UUID().uuidString.prefix(8))"
    token_file = "\(tokenFile)"
    public_key = "\(pad.card.publicKey)"
    [console]
    listen = "127.0.0.1:0"
    """.write(toFile: config, atomically: true, encoding: .utf8)
    let hubs = try ["a", "b"].map { try HubProcess(config: config, directory: directory, name: "hub-\($0)") }
    defer { hubs.forEach { $0.stop() } }
    try await eventually("both hubs and consoles listening") {
      hubs.allSatisfy { $0.port != nil && $0.consolePort != nil }
    }
    let store = try SQLHubStore(postgresURL: database, logger: quietLogger)
    let name = "live\(UUID().uuidString.prefix(6).lowercased())"
    try await store.addUser(
      ConsoleUser(name: name, displayName: "李督办", role: .supervisor),
      passwordHash: try PasswordHash.make("correct horse battery"),
      audit: AuditEntry(actor: "test", action: "user_add", subject: name, detail: ""))

    let console = ConsoleClient(base: "http://127.0.0.1:\(hubs[1].consolePort!)")
    #expect(try await console.login(name, "correct horse battery") == 303)
    let home = try await console.get("/")
    #expect(home.status == 200, "\(home.body.prefix(500)) \(home.headers)")
    let records = try pad.rate(5)
    let wanted = records.map { $0.uuid.lowercased() }
    let (opened, open) = AsyncStream<Void>.makeStream()
    async let heard = console.live(for: .seconds(30), opened: { open.yield() }) { text in
      wanted.allSatisfy { text.lowercased().contains($0) }
    }
    // The push only once the feed is open (its first comment has come).
    for await _ in opened { break }
    let pushed = ContinuousClock.now
    let page = try await pad.sync.page(after: 0, limit: 100)
    let answer = try await HubClient(base: "http://127.0.0.1:\(hubs[0].port!)", token: token)
      .post("/v1/push", String(decoding: page.jsonBytes(), as: UTF8.self))
    #expect(answer.status == 200, "\(answer.body)")
    let text = try await heard.lowercased()
    let took = ContinuousClock.now - pushed
    print("5 ratings pushed to instance a were on instance b's console \(took) after the push")
    for uuid in wanted { #expect(text.contains(uuid), "\(uuid) not in the live feed: \(text.prefix(2000))") }
    #expect(text.contains("event: rating"))
  }
}
