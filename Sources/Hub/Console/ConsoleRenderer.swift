import Foundation
import Hummingbird
import HTTPTypes
import Mustache
import NIOCore

/// Renders the console's pages: a page's template inside the layout, with the navigation the
/// user's role allows, and the headers every page carries.
struct ConsoleRenderer: Sendable {
  private let library: MustacheLibrary
  /// The console's title (`[console] title`).
  let site: String

  init(site: String) {
    var library = MustacheLibrary()
    for (name, text) in ConsoleTemplates.all {
      // The templates are the program's own: one that does not parse is a build mistake.
      do { try library.register(text, named: name) } catch {
        fatalError("console template \(name): \(error)")
      }
    }
    self.library = library
    self.site = site
  }

  /// The navigation a role sees.
  static func navigation(for user: ConsoleUser, current: String) -> [[String: Any]] {
    var items: [(String, String)] = [("/", ConsoleText.today), ("/followups", ConsoleText.followUps)]
    if user.role != .staff {
      items += [
        ("/alerts", ConsoleText.alerts), ("/reports", ConsoleText.reports), ("/fleet", ConsoleText.fleet),
      ]
    }
    if user.role == .admin || user.role == .auditor { items.append(("/audit", ConsoleText.audit)) }
    return items.map { ["href": $0.0, "label": $0.1, "current": $0.0 == current] }
  }

  /// A template rendered alone (a fragment, or a page's body).
  func fragment(_ template: String, _ values: [String: Any]) -> String {
    library.render(values, withTemplate: template) ?? ""
  }

  /// A whole page: `template` with `values` inside the layout.
  func page(
    _ template: String, title: String, path: String, context: ConsoleContext, values: [String: Any] = [:],
    status: HTTPResponse.Status = .ok
  ) -> Response {
    var layout: [String: Any] = [
      "title": title, "site": site, "body": fragment(template, values), "page": values["page"] ?? "",
      "logoutLabel": ConsoleText.logout, "alertLabel": ConsoleText.newBadRating,
    ]
    if let user = context.user {
      layout["user"] =
        [
          "name": user.name, "displayName": user.displayName,
          "roleLabel": "\(user.role.label.chinese) \(user.role.label.english)",
          "nav": Self.navigation(for: user, current: path), "csrf": context.session?.csrf ?? "",
        ] as [String: Any]
    }
    return Self.html(library.render(layout, withTemplate: "layout") ?? "", status: status)
  }

  /// A page that only says what went wrong.
  func message(_ text: String, status: HTTPResponse.Status, context: ConsoleContext) -> Response {
    page(
      "message", title: ConsoleText.notFound == text ? text : "\(status.code)", path: "", context: context,
      values: ["message": text], status: status)
  }

  static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
    var response = Response(
      status: status, headers: [.contentType: "text/html; charset=utf-8"],
      body: .init(byteBuffer: ByteBuffer(string: text)))
    secure(&response)
    return response
  }

  /// Headers every answer carries: nothing from elsewhere runs, nothing frames the console, no
  /// page is cached (they hold personal data).
  static func secure(_ response: inout Response) {
    response.headers[.contentSecurityPolicy] =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    response.headers[.xContentTypeOptions] = "nosniff"
    response.headers[.cacheControl] = "no-store"
    for (name, value) in [("Referrer-Policy", "same-origin"), ("X-Frame-Options", "DENY")] {
      if let name = HTTPField.Name(name) { response.headers[name] = value }
    }
  }

  /// A redirect after a form (303: the browser follows with GET).
  static func redirect(to location: String) -> Response {
    var response = Response(status: .seeOther, headers: [.location: location])
    secure(&response)
    return response
  }
}
