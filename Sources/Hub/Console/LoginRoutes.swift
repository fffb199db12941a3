import Foundation
import Hummingbird
import Logging
import RecordChain
import Synchronization

/// Logging in and out: a password checked against its bcrypt hash, failures throttled
/// (`LoginThrottle`), a session started in the database and its token set in an HttpOnly,
/// SameSite=Strict cookie. The login form carries a token of its own, matched against a cookie,
/// so no other site can log a browser in.
struct LoginRoutes: Sendable {
  let accounts: any AccountStore
  let renderer: ConsoleRenderer
  let sessionHours: Int
  let secureCookies: Bool
  let logger: Logger
  /// Failures on names that are not accounts, by address (in memory: they lock nothing stored).
  let addressFailures = AddressFailures()

  static let loginCookie = "ratingpad_login"

  func route(on router: Router<ConsoleContext>) {
    router.get("login") { _, context in form(context: context, error: nil) }
    router.post("login") { request, context in await login(request, context: context) }
  }

  private func form(context: ConsoleContext, error: String?, status: HTTPResponse.Status = .ok) -> Response {
    let token = SessionToken.make()
    var response = renderer.page(
      "login", title: ConsoleText.login, path: "/login", context: context,
      values: [
        "loginCSRF": token, "error": error ?? false, "usernameLabel": ConsoleText.username,
        "passwordLabel": ConsoleText.password, "loginLabel": ConsoleText.login,
      ], status: status)
    response.setCookie(cookie(Self.loginCookie, token, maxAge: 3600))
    return response
  }

  private func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
    Cookie(
      name: name, value: value, maxAge: maxAge, path: "/", secure: secureCookies, httpOnly: true,
      sameSite: .strict)
  }

  private func login(_ request: Request, context: ConsoleContext) async -> Response {
    guard let body = try? await request.body.collect(upTo: context.maxUploadSize),
      let fields = FormFields(encoded: String(buffer: body))
    else { return form(context: context, error: ConsoleText.badForm, status: .badRequest) }
    guard let sent = fields["login_csrf"], let expected = request.cookies[Self.loginCookie]?.value,
      SessionToken.same(sent, expected)
    else { return form(context: context, error: ConsoleText.formExpired, status: .forbidden) }
    let name = fields["username"] ?? ""
    let password = fields["password"] ?? ""
    let now = UnixMilliseconds.now()
    let address = context.remoteAddress ?? "?"
    if let until = addressFailures.lockedUntil(address), until > now {
      return form(context: context, error: ConsoleText.loginThrottled, status: .tooManyRequests)
    }
    let account: StoredAccount?
    do {
      account = ConsoleUser.isValidName(name) ? try await accounts.account(named: name) : nil
    } catch {
      return form(context: context, error: ConsoleText.storage, status: .serviceUnavailable)
    }
    guard let account, !account.user.disabled else {
      // As slow as a real check, so the time taken does not tell which names exist.
      _ = PasswordHash.verify(password, hash: PasswordHash.decoy)
      let locked = addressFailures.fail(address, now: now)
      return form(
        context: context, error: locked ? ConsoleText.loginThrottled : ConsoleText.loginFailed,
        status: locked ? .tooManyRequests : .unauthorized)
    }
    if let until = account.lockedUntil, until > now {
      return form(context: context, error: ConsoleText.loginThrottled, status: .tooManyRequests)
    }
    guard PasswordHash.verify(password, hash: account.passwordHash) else {
      let lock = LoginThrottle.lock(afterFailures: account.failedLogins + 1, now: now)
      try? await accounts.noteFailedLogin(of: name, lockedUntil: lock)
      logger.notice("console: failed login of \(name) from \(address)")
      return form(
        context: context, error: lock == nil ? ConsoleText.loginFailed : ConsoleText.loginThrottled,
        status: lock == nil ? .unauthorized : .tooManyRequests)
    }
    let token = SessionToken.make()
    let session = ConsoleSession(
      tokenHash: SessionToken.hash(token), user: name, csrf: SessionToken.make(), started: now,
      expires: now + Int64(sessionHours) * 3_600_000)
    do {
      try await accounts.noteGoodLogin(of: name)
      try await accounts.startSession(session)
      try await accounts.audit(
        AuditEntry(actor: name, action: "console_login", subject: name, detail: "from \(address)"))
    } catch {
      return form(context: context, error: ConsoleText.storage, status: .serviceUnavailable)
    }
    var response = ConsoleRenderer.redirect(to: "/")
    response.setCookie(cookie(SessionGate.cookie, token, maxAge: sessionHours * 3600))
    response.setCookie(cookie(Self.loginCookie, "", maxAge: 0))
    return response
  }

  /// `POST /logout` (behind the gate: it needs the session's CSRF token).
  func logout(context: ConsoleContext) async -> Response {
    if let session = context.session { try? await accounts.endSession(tokenHash: session.tokenHash) }
    var response = ConsoleRenderer.redirect(to: "/login")
    response.setCookie(cookie(SessionGate.cookie, "", maxAge: 0))
    return response
  }
}

/// Failed logins on names that are no account, by address, throttled as accounts are.
final class AddressFailures: Sendable {
  private let failures = Mutex<[String: (count: Int, lockedUntil: Int64?)]>([:])

  /// Until when the address is locked, if it is.
  func lockedUntil(_ address: String) -> Int64? { failures.withLock { $0[address]?.lockedUntil } }

  /// Notes a failure; whether the address is locked now.
  func fail(_ address: String, now: Int64) -> Bool {
    failures.withLock { failures in
      // Bounded: a flood of addresses forgets the old ones rather than growing without end.
      if failures.count > 10_000 { failures = failures.filter { ($0.value.lockedUntil ?? 0) > now } }
      var entry = failures[address] ?? (0, nil)
      entry.count += 1
      entry.lockedUntil = LoginThrottle.lock(afterFailures: entry.count, now: now)
      failures[address] = entry
      return entry.lockedUntil != nil
    }
  }
}
