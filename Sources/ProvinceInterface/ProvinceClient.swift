import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Sends batches to one province by its profile: fetches and renews the token, keeps to the
/// profile's rate, and reads each reply into one answer per rating. Never throws: what fails is
/// a transient answer, sent again later by the forwarder.
public actor ProvinceClient {
  public let profile: ProvinceProfile
  let connection: ProvinceConnection
  let http: HTTPClient
  let logger: Logger
  private var token: (value: String, renewAt: Int64)?
  private var nextSlot: ContinuousClock.Instant = .now

  /// A client for `profile` at `connection`, over `http`.
  public init(profile: ProvinceProfile, connection: ProvinceConnection, http: HTTPClient, logger: Logger) {
    self.profile = profile
    self.connection = connection
    self.http = http
    self.logger = logger
  }

  /// Sends one batch of ratings (already written as fields: `ProvinceProfile.fields(for:)`);
  /// one answer each, in order.
  public func send(_ items: [[(String, String)]]) async -> [ProvinceAnswer] {
    guard !items.isEmpty else { return [] }
    func transient(_ reason: String) -> [ProvinceAnswer] {
      Array(repeating: .transient(reason: reason), count: items.count)
    }
    let tokenValue: String?
    if profile.token != nil {
      do { tokenValue = try await currentToken() } catch { return transient("token: \(error)") }
    } else {
      tokenValue = nil
    }
    await keepRate()
    let request: RenderedRequest
    do {
      var renderer = RequestRenderer(
        profile: profile, connection: connection, token: tokenValue, now: Self.nowMilliseconds(), items: items
      )
      request = try renderer.render(profile.request)
    } catch {
      return transient("cannot write the request: \(error)")
    }
    let reply: (status: Int, headers: [(String, String)], body: [UInt8])
    do { reply = try await perform(request) } catch { return transient("\(error)") }
    switch ReplyReader(rules: profile.reply).read(
      status: reply.status, headers: reply.headers, body: reply.body, count: items.count)
    {
    case .answers(let answers): return answers
    case .authenticationRefused(let why):
      token = nil
      return transient("the province refused our credentials: \(why)")
    }
  }

  /// Spaces requests by the profile's rate (all of this client's senders share it).
  private func keepRate() async {
    let interval = Duration.seconds(1) / profile.ratePerSecond
    let now = ContinuousClock.now
    let slot = max(now, nextSlot)
    nextSlot = slot + interval
    if slot > now { try? await Task.sleep(until: slot, clock: .continuous) }
  }

  private func currentToken() async throws -> String {
    let now = Self.nowMilliseconds()
    if let token, token.renewAt > now { return token.value }
    guard let shape = profile.token else { return "" }
    var renderer = RequestRenderer(profile: profile, connection: connection, token: nil, now: now, items: [])
    let reply = try await perform(try renderer.render(shape.request))
    guard (200..<300).contains(reply.status),
      let json = ReplyJSON.parse(reply.body), let value = json.text(at: shape.field), !value.isEmpty,
      value.count <= 4096
    else {
      throw ProvinceError(
        "no \(shape.field) in the answer (HTTP \(reply.status)): \(String(decoding: reply.body.prefix(200), as: UTF8.self))"
      )
    }
    var lifetime = shape.lifetimeSeconds
    if let field = shape.lifetimeField, let seconds = json.text(at: field).flatMap({ Int($0) }),
      (1...86_400 * 30).contains(seconds)
    {
      lifetime = seconds
    }
    let renewAt = now + Int64(max(lifetime - shape.renewBeforeSeconds, lifetime / 2)) * 1000
    token = (value, renewAt)
    logger.info("province \(profile.name): new token, renewed in \(lifetime - shape.renewBeforeSeconds) s")
    return value
  }

  /// A province's answer is small: more than this is not one.
  static let replyLimit = 1 << 20

  private func perform(_ rendered: RenderedRequest) async throws -> (
    status: Int, headers: [(String, String)], body: [UInt8]
  ) {
    var request = HTTPClientRequest(url: rendered.url)
    request.method = HTTPMethod(rawValue: rendered.method)
    for (name, value) in rendered.headers { request.headers.add(name: name, value: value) }
    if !rendered.body.isEmpty { request.body = .bytes(ByteBuffer(bytes: rendered.body)) }
    let response = try await http.execute(request, timeout: .seconds(Int64(profile.timeoutSeconds)))
    let body = try await response.body.collect(upTo: Self.replyLimit)
    return (Int(response.status.code), response.headers.map { ($0.name, $0.value) }, Array(buffer: body))
  }

  static func nowMilliseconds() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}

/// A failure talking to a province, said plainly.
struct ProvinceError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
