import Hummingbird
import RecordChain

/// Lets a request in only with a live session: a page without one goes to the login page, anything
/// else is refused 401. A POST must also carry the session's CSRF token in its form (`csrf`), so a
/// page elsewhere cannot make a logged-in browser act.
struct SessionGate: RouterMiddleware {
  typealias Context = ConsoleContext
  let accounts: any AccountStore
  let renderer: ConsoleRenderer

  /// The session cookie's name.
  static let cookie = "ratingpad_session"

  func handle(
    _ request: Request, context: ConsoleContext, next: (Request, ConsoleContext) async throws -> Response
  ) async throws -> Response {
    var context = context
    guard let token = request.cookies[Self.cookie]?.value, token.count <= 128 else {
      return refuse(request, context)
    }
    let found: (ConsoleSession, ConsoleUser)?
    do {
      found = try await accounts.session(tokenHash: SessionToken.hash(token), now: UnixMilliseconds.now())
    } catch {
      return renderer.message(ConsoleText.storage, status: .serviceUnavailable, context: context)
    }
    guard let (session, user) = found else { return refuse(request, context) }
    context.session = session
    context.user = user
    if request.method == .post {
      guard let body = try? await request.body.collect(upTo: context.maxUploadSize),
        let form = FormFields(encoded: String(buffer: body))
      else { return renderer.message(ConsoleText.badForm, status: .badRequest, context: context) }
      guard let csrf = form["csrf"], SessionToken.same(csrf, session.csrf) else {
        return renderer.message(ConsoleText.csrfRefused, status: .forbidden, context: context)
      }
      context.form = form
    }
    return try await next(request, context)
  }

  private func refuse(_ request: Request, _ context: ConsoleContext) -> Response {
    if request.method == .get && !request.uri.path.hasPrefix("/live") {
      return ConsoleRenderer.redirect(to: "/login")
    }
    return renderer.message(ConsoleText.formExpired, status: .unauthorized, context: context)
  }
}
