import Foundation
@testable import Hub
import SyncTestSupport
import Testing

/// The console's accounts: the pure rules (throttle, names, forms, tokens) and the store on SQLite
/// and on a real PostgreSQL server.
@Suite struct ConsoleAccountsTests {
  @Test func loginsLockAfterFiveFailuresDoublingToFifteenMinutes() {
    #expect(LoginThrottle.lock(afterFailures: 4, now: 0) == nil)
    #expect(LoginThrottle.lock(afterFailures: 5, now: 1000) == 31_000)
    #expect(LoginThrottle.lock(afterFailures: 6, now: 0) == 60_000)
    #expect(LoginThrottle.lock(afterFailures: 99, now: 0) == 900_000)
  }

  @Test func namesFormsAndTokensAreCheckedAsTheyEnter() {
    #expect(ConsoleUser.isValidName("wang.fang-2"))
    for bad in ["", "王芳", "a b", "x;drop", String(repeating: "a", count: 65)] {
      #expect(!ConsoleUser.isValidName(bad), "\(bad)")
    }
    let form = FormFields(encoded: "kind=contact&text=%E5%B7%B2%E5%9B%9E%E8%AE%BF+ok&text=second&empty=")
    #expect(form?["kind"] == "contact" && form?["text"] == "已回访 ok" && form?["empty"] == "")
    #expect(FormFields(encoded: "text=%ZZ") == nil, "bad percent-encoding is refused")
    #expect(
      FormFields(encoded: "text=" + String(repeating: "a", count: 8_001)) == nil, "so is an overlong value")
    let token = SessionToken.make()
    #expect(token.count == 43 && SessionToken.same(token, token))
    #expect(!SessionToken.same(token, SessionToken.make()) && !SessionToken.same("", ""))
    #expect(throws: PasswordRefusal.self) { try PasswordHash.make("short") }
    let hash = try? PasswordHash.make("correct horse battery")
    #expect(hash.map { PasswordHash.verify("correct horse battery", hash: $0) } == true)
    #expect(hash.map { PasswordHash.verify("wrong horse battery", hash: $0) } == false)
    #expect(!PasswordHash.verify("anything", hash: "not a bcrypt hash"))
  }

  @Test(arguments: HubStoreTests.databases)
  func accountsAndSessionsLiveInTheHubsDatabase(_ database: String) async throws {
    let (store, cleanup) = try await HubStoreTests().open(database)
    defer { cleanup() }
    try await store.prepare()
    let name = "u\(UUID().uuidString.prefix(8).lowercased())"
    let user = ConsoleUser(name: name, displayName: "陈科长", role: .departmentHead, department: "D1")
    let hash = try PasswordHash.make("correct horse battery")
    try await store.addUser(
      user, passwordHash: hash,
      audit: AuditEntry(actor: "setup", action: "user_add", subject: name, detail: ""))
    await #expect(throws: AccountError.exists(name)) {
      try await store.addUser(
        user, passwordHash: hash,
        audit: AuditEntry(actor: "setup", action: "user_add", subject: name, detail: ""))
    }
    #expect(try await store.account(named: name)?.user == user)
    #expect(user.scope == RatingScope(department: "D1"))

    let now: Int64 = 1_800_000_000_000
    let session = ConsoleSession(
      tokenHash: SessionToken.hash("t-\(name)"), user: name, csrf: "c", started: now, expires: now + 1000)
    try await store.startSession(session)
    #expect(try await store.session(tokenHash: session.tokenHash, now: now + 1)?.1 == user)
    #expect(
      try await store.session(tokenHash: session.tokenHash, now: now + 1000) == nil,
      "an ended session lets nobody in")

    try await store.noteFailedLogin(of: name, lockedUntil: now + 30_000)
    #expect(try await store.account(named: name)?.failedLogins == 1)
    #expect(try await store.account(named: name)?.lockedUntil == now + 30_000)
    try await store.noteGoodLogin(of: name)
    #expect(try await store.account(named: name)?.failedLogins == 0)

    // A new password, or disabling, ends the user's sessions.
    try await store.startSession(
      ConsoleSession(tokenHash: "h2-\(name)", user: name, csrf: "c", started: now, expires: now + 10_000))
    try await store.setPassword(
      of: name, hash: try PasswordHash.make("another horse battery"),
      audit: AuditEntry(actor: "chief", action: "user_passwd", subject: name, detail: ""))
    #expect(try await store.session(tokenHash: "h2-\(name)", now: now + 1) == nil)
    try await store.startSession(
      ConsoleSession(tokenHash: "h3-\(name)", user: name, csrf: "c", started: now, expires: now + 10_000))
    try await store.setDisabled(
      name, true, audit: AuditEntry(actor: "chief", action: "user_disable", subject: name, detail: "left"))
    #expect(try await store.session(tokenHash: "h3-\(name)", now: now + 1) == nil)
    #expect(try await store.account(named: name)?.user.disabled == true)
    await #expect(throws: AccountError.unknown("nobody-\(name)")) {
      try await store.setDisabled(
        "nobody-\(name)", true,
        audit: AuditEntry(actor: "chief", action: "user_disable", subject: "x", detail: ""))
    }
    let audited = try await store.auditLog().filter { $0.subject == name }.map(\.action)
    #expect(audited == ["user_add", "user_passwd", "user_disable"])
  }
}
