import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// A browser's part against the hub's console, over real HTTP: logs in through the login form
/// (its cookie and token), keeps the session cookie and the page's CSRF token, and reads pages,
/// posts forms and listens to the live feed.
package final class ConsoleClient: @unchecked Sendable {
  package let base: String
  private var cookies: [String: String] = [:]
  /// The CSRF token of the session, read from the last page that had one.
  package private(set) var csrf: String?

  package init(base: String) { self.base = base }

  /// A client that leaves redirects to the test, as a browser's cookies decide where they go.
  private static let http: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }()

  /// Logs in; the status of the login POST (303 when it worked).
  @discardableResult
  package func login(_ name: String, _ password: String) async throws -> Int {
    _ = try await get("/login")
    let page = try await get("/login")
    let token = Self.hidden("login_csrf", in: page.body) ?? ""
    let answer = try await post(
      "/login", ["login_csrf": token, "username": name, "password": password], csrf: false)
    if answer.status == 303 { _ = try await get("/") }
    return answer.status
  }

  package func get(_ path: String) async throws -> (status: Int, body: String, headers: HTTPHeaders) {
    try await send(HTTPClientRequest(url: base + path))
  }

  /// Posts `fields` as a form, with the session's CSRF token unless `csrf` is false.
  package func post(_ path: String, _ fields: [String: String], csrf: Bool = true) async throws -> (
    status: Int, body: String, headers: HTTPHeaders
  ) {
    var request = HTTPClientRequest(url: base + path)
    request.method = .POST
    var all = fields
    if csrf, let token = self.csrf { all["csrf"] = token }
    let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
    let body = all.map {
      "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
    }.joined(separator: "&")
    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
    request.body = .bytes(ByteBuffer(string: body))
    return try await send(request)
  }

  /// The live feed's text as it arrives, until `until` says enough or `limit` passes; what came.
  /// `opened` is called once the feed's first text has come.
  package func live(
    for limit: Duration, opened: @escaping @Sendable () -> Void = {},
    until: @escaping @Sendable (String) -> Bool
  ) async throws -> String {
    var request = HTTPClientRequest(url: base + "/live")
    addCookies(&request)
    let response = try await Self.http.execute(request, timeout: .seconds(60))
    var text = ""
    try await withThrowingTaskGroup(of: String?.self) { group in
      group.addTask {
        var seen = ""
        for try await chunk in response.body {
          if seen.isEmpty { opened() }
          seen += String(buffer: chunk)
          if until(seen) { return seen }
        }
        return seen
      }
      group.addTask {
        try await Task.sleep(for: limit)
        return nil
      }
      text = (try await group.next() ?? nil) ?? ""
      group.cancelAll()
    }
    return text
  }

  private func addCookies(_ request: inout HTTPClientRequest) {
    if !cookies.isEmpty {
      request.headers.add(
        name: "Cookie", value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
    }
  }

  private func send(_ request: HTTPClientRequest) async throws -> (
    status: Int, body: String, headers: HTTPHeaders
  ) {
    var request = request
    addCookies(&request)
    let response = try await Self.http.execute(request, timeout: .seconds(30))
    let body = String(buffer: try await response.body.collect(upTo: 16 << 20))
    for header in response.headers["Set-Cookie"] {
      let pair = header.split(separator: ";")[0].split(
        separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard pair.count == 2 else { continue }
      cookies[String(pair[0])] = pair[1].isEmpty ? nil : String(pair[1])
    }
    if let token = Self.hidden("csrf", in: body) { csrf = token }
    return (Int(response.status.code), body, response.headers)
  }

  /// The value of the hidden field `name` in a page.
  package static func hidden(_ name: String, in page: String) -> String? {
    guard let field = page.range(of: "name=\"\(name)\" value=\"") else { return nil }
    return String(page[field.upperBound...].prefix { $0 != "\"" })
  }
}
