import Foundation
import Hummingbird
import RatingModel
import RecordChain

/// The follow-up pages: the queue of bad ratings with their deadlines and overdue marks, one bad
/// rating with its recorded actions and the form for the next, and the CSV export. What a user
/// sees and may do is the follow-up rules' (`FollowUpFilter.visible(to:)`, `FollowUpCase.check`).
struct FollowUpPages: Sendable {
  let server: ConsoleServer
  var store: any HubStore { server.store }
  var renderer: ConsoleRenderer { server.renderer }
  var calendar: FollowUpCalendar { server.configuration.calendar }

  /// Rows a page of the queue shows.
  static let pageSize = 50

  /// Adds the routes to `gated`.
  func route(on gated: RouterGroup<ConsoleContext>) {
    gated.get("followups") { request, context in
      await server.page(context, title: ConsoleText.followUps, path: "/followups", template: "followups") {
        user in
        try await queue(request, user: user)
      }
    }
    gated.get("followups.csv") { request, context in await export(request, context) }
    gated.get("followups/{uuid}") { _, context in
      await detail(context, uuid: context.parameters.get("uuid") ?? "", error: nil)
    }
    gated.post("followups/{uuid}/actions") { _, context in await record(context) }
  }

  /// The queue's filter from the page's query; `ConsolePageError` names a bad value.
  private func filter(_ request: Request, for user: ConsoleUser) throws -> (
    FollowUpFilter, page: Int, query: String
  ) {
    let query = request.uri.queryParameters
    var filter = FollowUpFilter(openOnly: true, limit: Self.pageSize)
    let state = query["state"].map(String.init) ?? "open"
    switch state {
    case "open": break
    case "all": filter.openOnly = false
    default:
      guard let chosen = FollowUpState(rawValue: state) else {
        throw ConsolePageError("\(ConsoleText.badState): '\(state)'")
      }
      filter.openOnly = false
      filter.states = [chosen]
    }
    let month = query["month"].map(String.init) ?? ""
    if !month.isEmpty {
      do { filter.period = try ReportPeriod.month(month) } catch { throw ConsolePageError(error.description) }
    }
    let pageText = query["page"].map(String.init) ?? "1"
    guard let page = Int(pageText), (1...100_000).contains(page) else {
      throw ConsolePageError("\(ConsoleText.badPage): '\(pageText)'")
    }
    filter.offset = (page - 1) * Self.pageSize
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_"))
    let encoded =
      "state=\(state.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")&month=\(month.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
    return (filter.visible(to: user.actor), page, encoded)
  }

  private func queue(_ request: Request, user: ConsoleUser) async throws -> [String: Any] {
    let (filter, page, query) = try filter(request, for: user)
    let now = UnixMilliseconds.now()
    async let rows = store.followUpQueue(filter: filter, calendar: calendar)
    async let count = store.followUpCount(filter: filter)
    let total = try await count
    let chosen = request.uri.queryParameters["state"].map(String.init) ?? "open"
    let states =
      [("open", ConsoleText.openOnes), ("all", ConsoleText.allStates)]
      + FollowUpState.allCases.map { ($0.rawValue, Self.text($0.label)) }
    let values: [String: Any] = [
      "states": states.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == chosen] },
      "month": request.uri.queryParameters["month"].map(String.init) ?? "", "query": query,
      "countText": "\(total) 条差评 bad ratings · 第 \(page) 页 page \(page)",
      "rows": try await rows.map { Self.row($0, now: now) },
      "previous": page > 1 ? "\(query)&page=\(page - 1)" : false,
      "next": page * Self.pageSize < total ? "\(query)&page=\(page + 1)" : false,
      "stateLabel": ConsoleText.state, "monthLabel": ConsoleText.month, "filterLabel": ConsoleText.filter,
      "exportLabel": ConsoleText.exportCSV, "timeLabel": ConsoleText.time, "placeLabel": ConsoleText.place,
      "staffLabel": ConsoleText.staffNumber, "levelLabel": ConsoleText.level,
      "reasonsLabel": ConsoleText.reasons,
      "deadlineLabel": ConsoleText.deadlines, "emptyLabel": ConsoleText.noBadRatings,
      "previousLabel": ConsoleText.previous, "nextLabel": ConsoleText.next,
    ]
    return values
  }

  /// One bad rating as the queue lists it.
  static func row(_ rating: FollowUpRating, now: Int64) -> [String: Any] {
    let overdue = rating.followUp.overdue(now: now)
    return [
      "uuid": rating.uuid, "time": ConsoleTime.minute(rating.wallMilliseconds),
      "place": "\(rating.hall) · 窗口 \(rating.window)", "staff": rating.staffNumber,
      "level": text(rating.level.label), "reasons": reasons(rating.reasons),
      "state": text(rating.followUp.state.label), "contact": "\(rating.followUp.deadlines.contact)",
      "fix": "\(rating.followUp.deadlines.complexFix)", "overdue": overdue.any,
      "overdueText": overdueText(overdue) ?? false,
    ]
  }

  private static func overdueText(_ overdue: FollowUpCase.Overdue) -> String? {
    let parts = [
      overdue.contact ? ConsoleText.overdueContact : nil, overdue.fix ? ConsoleText.overdueFix : nil,
    ]
    .compactMap { $0 }
    return parts.isEmpty ? nil : parts.joined(separator: " · ")
  }

  static func text(_ label: LocalizedText) -> String { "\(label.chinese) \(label.english)" }

  static func reasons(_ codes: [String]) -> String {
    codes.isEmpty
      ? ConsoleText.noReasons
      : codes.map { code in NationalReasonCodes.label(of: code).map { "\(code) \($0.chinese)" } ?? code }
        .joined(separator: "、")
  }

  private func detail(_ context: ConsoleContext, uuid: String, error: String?) async -> Response {
    await server.page(context, title: ConsoleText.followUps, path: "/followups", template: "followup") {
      user in
      guard uuid.count <= 64, let rating = try await store.followUp(rating: uuid, calendar: calendar),
        user.actor.maySee(department: rating.department, staffNumber: rating.staffNumber)
      else { throw ConsolePageError(ConsoleText.notFound, status: .notFound) }
      let now = UnixMilliseconds.now()
      let followUp = rating.followUp
      let clock =
        rating.clock == .uncorrected
        ? ConsoleText.clockUnknown : rating.clock == .corrected ? ConsoleText.timeCorrected : ""
      let facts: [(String, String)] = [
        (ConsoleText.time, ConsoleTime.minute(rating.wallMilliseconds) + clock),
        (ConsoleText.place, "\(rating.hall) · 窗口 \(rating.window)"), (ConsoleText.device, rating.deviceName),
        (ConsoleText.staffNumber, rating.staffNumber), (ConsoleText.department, rating.department),
        (ConsoleText.transaction, rating.transactionNumber),
        (ConsoleText.serviceItem, rating.serviceItemCode),
        (ConsoleText.level, Self.text(rating.level.label)),
        (ConsoleText.reasons, Self.reasons(rating.reasons)),
      ]
      let kinds = followUp.allowedKinds(for: user.actor, ratingDepartment: rating.department)
      let actions: [[String: Any]] = followUp.history.map { step in
        [
          "kind": step.action.kind.rawValue, "time": ConsoleTime.minute(step.action.atMilliseconds),
          "label": Self.text(step.action.kind.label), "actor": step.action.actor,
          "role": Self.text(step.action.role.label), "days": step.action.days ?? false,
          "stateAfter": Self.text(step.stateAfter.label), "text": step.action.text,
          "daysLabel": "工作日 working days",
        ]
      }
      let deadlines =
        "回访 contact \(followUp.deadlines.contact) · 简单整改 simple fix \(followUp.deadlines.simpleFix) · 复杂整改 complex fix \(followUp.deadlines.complexFix)"
        + (followUp.extensionDays.map { " (延期 extended \($0))" } ?? "")
      let values: [String: Any] = [
        "uuid": rating.uuid, "facts": facts.map { ["label": $0.0, "value": $0.1] },
        "state": Self.text(followUp.state.label), "deadlines": deadlines,
        "overdueText": Self.overdueText(followUp.overdue(now: now)) ?? false, "actions": actions,
        "error": error ?? false, "canAct": !kinds.isEmpty, "csrf": context.session?.csrf ?? "",
        "kinds": kinds.map { ["value": $0.rawValue, "label": Self.text($0.label)] },
        "stateLabel": ConsoleText.state, "deadlineLabel": ConsoleText.deadlines,
        "historyLabel": ConsoleText.history,
        "noActionsLabel": ConsoleText.noActions, "recordLabel": ConsoleText.recordAction,
        "kindLabel": ConsoleText.action, "textLabel": ConsoleText.text, "daysLabel": ConsoleText.days,
        "daysHint": ConsoleText.daysHint, "submitLabel": ConsoleText.submit,
      ]
      return values
    }
  }

  /// `POST /followups/{uuid}/actions`: the action checked and recorded, then back to the rating;
  /// a refusal shows the rating again with what was wrong.
  private func record(_ context: ConsoleContext) async -> Response {
    let uuid = context.parameters.get("uuid") ?? ""
    guard let user = context.user else {
      return renderer.message(ConsoleText.forbidden, status: .forbidden, context: context)
    }
    let form = context.form
    guard let kind = form["kind"].flatMap(FollowUpAction.Kind.init(rawValue:)) else {
      return await detail(context, uuid: uuid, error: "\(ConsoleText.badKind): '\(form["kind"] ?? "")'")
    }
    var days: Int?
    if let text = form["days"], !text.isEmpty {
      guard let value = Int(text) else {
        return await detail(context, uuid: uuid, error: ConsoleText.badDays)
      }
      days = value
    }
    if kind != .extend && days != nil { days = nil }
    let action = FollowUpAction(kind: kind, text: form["text"] ?? "", days: days, by: user.actor)
    do {
      guard let rating = try await store.followUp(rating: uuid, calendar: calendar),
        user.actor.maySee(department: rating.department, staffNumber: rating.staffNumber)
      else { return renderer.message(ConsoleText.notFound, status: .notFound, context: context) }
      _ = try await store.record(action, on: uuid, by: user.actor, calendar: calendar)
    } catch let refusal as FollowUpRefusal {
      var response = await detail(context, uuid: uuid, error: refusal.description)
      response.status = .unprocessableContent
      return response
    } catch {
      return renderer.message(ConsoleText.storage, status: .serviceUnavailable, context: context)
    }
    return ConsoleRenderer.redirect(to: "/followups/\(uuid)")
  }

  /// `GET /followups.csv`: the filtered follow-ups, one line per action.
  private func export(_ request: Request, _ context: ConsoleContext) async -> Response {
    guard let user = context.user else {
      return renderer.message(ConsoleText.forbidden, status: .forbidden, context: context)
    }
    do {
      var (filter, _, _) = try filter(request, for: user)
      filter.limit = nil
      filter.offset = 0
      let text = try await store.followUpExport(filter: filter, calendar: calendar)
      var response = Response(
        status: .ok,
        headers: [
          .contentType: "text/csv; charset=utf-8",
          .contentDisposition: "attachment; filename=\"followups.csv\"",
        ], body: .init(byteBuffer: .init(string: text)))
      ConsoleRenderer.secure(&response)
      return response
    } catch let error as ConsolePageError {
      return renderer.message(error.message, status: error.status, context: context)
    } catch {
      return renderer.message(ConsoleText.storage, status: .serviceUnavailable, context: context)
    }
  }
}

/// A page's request that cannot be answered as asked: the message to show and the status.
struct ConsolePageError: Error {
  let message: String
  let status: HTTPResponse.Status

  init(_ message: String, status: HTTPResponse.Status = .badRequest) {
    self.message = message
    self.status = status
  }
}
