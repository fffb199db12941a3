import Foundation
import Hummingbird
import Logging
import NIOCore
import RatingModel

/// The hall's web console: its routes, behind the session gate but for the login page and the
/// assets. Pages are rendered on the server; the today page's list is kept live by server-sent
/// events.
struct ConsoleServer: Sendable {
  let store: any HubStore
  let configuration: ConsoleConfiguration
  let live: LiveRatings
  let renderer: ConsoleRenderer
  let logins: LoginRoutes
  let logger: Logger
  /// The hub's pull interval: the fleet page calls a pad online when heard from within three.
  var pullInterval: Duration = .seconds(5)
  /// The province the hub forwards to (`[uplink]`'s profile), for the fleet page; nil: none yet.
  var uplinkProvince: String?

  init(
    store: any HubStore, configuration: ConsoleConfiguration, live: LiveRatings, secureCookies: Bool,
    logger: Logger
  ) {
    self.store = store
    self.configuration = configuration
    self.live = live
    self.logger = logger
    renderer = ConsoleRenderer(site: configuration.title)
    logins = LoginRoutes(
      accounts: store, renderer: renderer, sessionHours: configuration.sessionHours,
      secureCookies: secureCookies,
      logger: logger)
  }

  func router() -> Router<ConsoleContext> {
    let router = Router(context: ConsoleContext.self)
    router.get("assets/console.css") { _, _ in Self.asset(ConsoleAssets.css, type: "text/css; charset=utf-8")
    }
    router.get("assets/console.js") { _, _ in
      Self.asset(ConsoleAssets.javascript, type: "text/javascript; charset=utf-8")
    }
    logins.route(on: router)
    let gated = router.group().add(middleware: SessionGate(accounts: store, renderer: renderer))
    gated.post("logout") { _, context in await logins.logout(context: context) }
    let today = TodayPage(store: store, renderer: renderer)
    gated.get("/") { _, context in
      await page(context, title: ConsoleText.today, path: "/", template: "today-page") { user in
        ["page": "today", "today": try await today.render(context: context, user: user)]
      }
    }
    gated.get("today/tables") { _, context in
      guard let user = context.user else {
        return renderer.message(ConsoleText.forbidden, status: .forbidden, context: context)
      }
      do { return ConsoleRenderer.html(try await today.tables(for: user)) } catch {
        return renderer.message(ConsoleText.storage, status: .serviceUnavailable, context: context)
      }
    }
    gated.get("live") { _, context in liveStream(context) }
    FollowUpPages(server: self).route(on: gated)
    let alerts = AlertsPage(store: store)
    gated.get("alerts") { _, context in
      await page(context, title: ConsoleText.alerts, path: "/alerts", template: "alerts") { user in
        try await alerts.values(for: user)
      }
    }
    InsightRoutes(server: self).route(on: gated)
    return router
  }

  /// A page whose values may need the store: a request that cannot be answered as asked
  /// (`ConsolePageError`) or a storage failure is a page saying so, not a crash.
  func page(
    _ context: ConsoleContext, title: String, path: String, template: String,
    values: (ConsoleUser) async throws -> [String: Any]
  ) async -> Response {
    guard let user = context.user else {
      return renderer.message(ConsoleText.forbidden, status: .forbidden, context: context)
    }
    do {
      return renderer.page(
        template, title: title, path: path, context: context, values: try await values(user))
    } catch let error as ConsolePageError {
      return renderer.message(error.message, status: error.status, context: context)
    } catch {
      logger.warning("console page \(path): \(error)")
      return renderer.message(ConsoleText.storage, status: .serviceUnavailable, context: context)
    }
  }

  /// `GET /live`: the ratings in the user's scope as they arrive, one `rating` event each, with a
  /// comment every second (`LiveRatings`' ticks).
  private func liveStream(_ context: ConsoleContext) -> Response {
    guard let user = context.user else {
      return renderer.message(ConsoleText.forbidden, status: .forbidden, context: context)
    }
    let actor = user.actor
    let stream = live.subscribe()
    let store = store
    var response = Response(
      status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
      body: ResponseBody { writer in
        var places = PlaceNames(try await store.devices())
        try await writer.write(ByteBuffer(string: ": live\n\n"))
        for await line in stream {
          // A tick: a comment, so a closed page is noticed and idle timeouts never close an open one.
          guard let line else {
            try await writer.write(ByteBuffer(string: ":\n\n"))
            continue
          }
          guard actor.maySee(department: line.department, staffNumber: line.staffNumber) else { continue }
          if places.hall(line.device) == "(none)" { places = PlaceNames(try await store.devices()) }
          let data = try JSONSerialization.data(
            withJSONObject: TodayPage.item(line, places: places), options: [.sortedKeys])
          try await writer.write(
            ByteBuffer(string: "event: rating\ndata: \(String(decoding: data, as: UTF8.self))\n\n"))
        }
        try await writer.finish(nil)
      })
    ConsoleRenderer.secure(&response)
    response.headers[.contentType] = "text/event-stream"
    return response
  }

  private static func asset(_ text: String, type: String) -> Response {
    var response = Response(
      status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    ConsoleRenderer.secure(&response)
    response.headers[.cacheControl] = "max-age=300"
    return response
  }
}
