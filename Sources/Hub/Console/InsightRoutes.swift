import Foundation
import Hummingbird
import NIOCore
import RatingModel
import RecordChain

/// The reports, fleet and audit routes of the console (behind the session gate): what each role
/// may see is decided here, what it may see of the ratings by its scope in the store's queries.
struct InsightRoutes: Sendable {
  let server: ConsoleServer
  let reports: ReportPage
  let fleet: FleetPage
  let audit: AuditPage

  init(server: ConsoleServer) {
    self.server = server
    reports = ReportPage(store: server.store, renderer: server.renderer)
    fleet = FleetPage(store: server.store, pullInterval: server.pullInterval, province: server.uplinkProvince)
    audit = AuditPage(store: server.store)
  }

  /// Adds the routes to `gated`.
  func route(on gated: RouterGroup<ConsoleContext>) {
    gated.get("reports") { request, context in
      await reportPage(request, context, title: ConsoleText.reports, path: "/reports") { query, user in
        ["page": "reports"].merging(try await reports.values(query, user: user)) { $1 }
      }
    }
    gated.get("ranking") { request, context in
      await reportPage(request, context, title: ConsoleText.ranking, path: "/reports", template: "ranking") {
        query, user in ["page": "ranking"].merging(try await reports.ranking(query, user: user)) { $1 }
      }
    }
    gated.get("reports.csv") { request, context in await reportCSV(request, context) }
    gated.get("fleet") { _, context in
      guard let user = context.user, user.role != .staff else { return forbidden(context) }
      return await server.page(context, title: ConsoleText.fleet, path: "/fleet", template: "fleet") { user in
        ["page": "fleet"].merging(
          try await fleet.values(user: user, csrf: context.session?.csrf ?? "", now: UnixMilliseconds.now())
        ) { $1 }
      }
    }
    gated.post("fleet/uplink/:case/retry") { _, context in await retry(context) }
    gated.post("fleet/devices/:fingerprint/clear-flag") { _, context in await clearFlag(context) }
    gated.get("audit") { request, context in
      guard let user = context.user, AuditPage.mayRead(user) else { return forbidden(context) }
      switch AuditPage.pageNumber(query: request.uri.query) {
      case .failure(let error): return badQuery(error, context)
      case .success(let page):
        do {
          let values = try await audit.values(page: page)
          return server.renderer.page(
            "audit", title: ConsoleText.audit, path: "/audit", context: context, values: values)
        } catch let error as AuditPageError {
          return badQuery(error, context)
        } catch {
          return storageFailure(error, path: "/audit", context)
        }
      }
    }
  }

  private func reportPage(
    _ request: Request, _ context: ConsoleContext, title: String, path: String, template: String = "reports",
    values: @escaping (ReportQuery, ConsoleUser) async throws -> [String: Any]
  ) async -> Response {
    let query: ReportQuery
    do { query = try ReportQuery(query: request.uri.query, now: UnixMilliseconds.now()) } catch {
      return badQuery(error, context)
    }
    return await server.page(context, title: title, path: path, template: template) { user in
      try await values(query, user)
    }
  }

  private func reportCSV(_ request: Request, _ context: ConsoleContext) async -> Response {
    guard let user = context.user else { return forbidden(context) }
    let query: ReportQuery
    do { query = try ReportQuery(query: request.uri.query, now: UnixMilliseconds.now()) } catch {
      return badQuery(error, context)
    }
    do {
      let text = try await reports.csv(query, user: user)
      var response = Response(
        status: .ok,
        headers: [
          .contentType: "text/csv; charset=utf-8",
          .contentDisposition:
            "attachment; filename=\"report-\(query.dimension.rawValue)-\(query.period.first)-\(query.period.last).csv\"",
        ], body: .init(byteBuffer: ByteBuffer(string: text)))
      ConsoleRenderer.secure(&response)
      return response
    } catch {
      return storageFailure(error, path: "/reports.csv", context)
    }
  }

  /// `POST /fleet/uplink/{case}/retry`: the case's refused ratings sent again, with the reason in
  /// the audit log; admins and supervisors only.
  private func retry(_ context: ConsoleContext) async -> Response {
    guard let user = context.user, FleetPage.mayRetry(user) else { return forbidden(context) }
    guard let raw = context.parameters.get("case"), let caseNumber = raw.removingPercentEncoding,
      (1...128).contains(caseNumber.count), !caseNumber.contains(where: \.isNewline)
    else { return badRequest(ConsoleText.badCase, context) }
    guard let reason = Self.reason(context.form) else { return badRequest(ConsoleText.reasonNeeded, context) }
    do {
      let count = try await server.store.retryRefused(
        case: caseNumber,
        audit: AuditEntry(actor: user.name, action: "uplink_retry", subject: caseNumber, detail: reason))
      guard count > 0 else {
        return server.renderer.message(
          ConsoleText.nothingToRetry + caseNumber, status: .conflict, context: context)
      }
      server.logger.notice("console: \(user.name) sent \(count) refused ratings of case \(caseNumber) again")
      return ConsoleRenderer.redirect(to: "/fleet")
    } catch {
      return storageFailure(error, path: "/fleet/uplink", context)
    }
  }

  /// `POST /fleet/devices/{fingerprint}/clear-flag`: a device's flag and impostor note cleared,
  /// audited as `ratingpad-hub flag clear` is; admins only.
  private func clearFlag(_ context: ConsoleContext) async -> Response {
    guard let user = context.user, FleetPage.mayClearFlags(user) else { return forbidden(context) }
    guard let reason = Self.reason(context.form) else { return badRequest(ConsoleText.reasonNeeded, context) }
    do {
      guard let fingerprint = context.parameters.get("fingerprint"), fingerprint.count <= 128,
        let device = try await server.store.device(fingerprint)
      else { return server.renderer.message(ConsoleText.unknownDevice, status: .notFound, context: context) }
      guard
        try await server.store.clearFlag(
          device: device.fingerprint, audit: .clearingFlag(of: device, by: user.name, reason: reason))
      else { return server.renderer.message(ConsoleText.nothingToClear, status: .conflict, context: context) }
      server.logger.notice("console: \(user.name) cleared the flag of \(device.name)")
      return ConsoleRenderer.redirect(to: "/fleet")
    } catch {
      return storageFailure(error, path: "/fleet/devices", context)
    }
  }

  /// The form's reason: 4 to 500 characters once trimmed.
  static func reason(_ form: FormFields) -> String? {
    guard let reason = form["reason"], (4...500).contains(reason.count) else { return nil }
    return reason
  }

  private func forbidden(_ context: ConsoleContext) -> Response {
    server.renderer.message(ConsoleText.forbidden, status: .forbidden, context: context)
  }

  private func badRequest(_ text: String, _ context: ConsoleContext) -> Response {
    server.renderer.message(text, status: .badRequest, context: context)
  }

  /// A query value that does not read: the value named, in English after the Chinese heading.
  private func badQuery(_ error: any Error, _ context: ConsoleContext) -> Response {
    badRequest(ConsoleText.badQuery + "\(error)", context)
  }

  private func storageFailure(_ error: any Error, path: String, _ context: ConsoleContext) -> Response {
    server.logger.warning("console page \(path): \(error)")
    return server.renderer.message(ConsoleText.storage, status: .serviceUnavailable, context: context)
  }
}
