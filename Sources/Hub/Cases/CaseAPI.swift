import Foundation
import Hummingbird
import RecordChain
import SyncProtocol

/// The counter system's side of the hub: `PUT` and `GET /v1/cases/{number}`, behind its bearer
/// token. Routed only when the configuration has `[cases]`.
struct CaseAPI {
  let token: AccessToken
  let store: any CaseStore

  /// A case is a few hundred bytes; anything near this is not one.
  static let bodyLimit = 64 << 10

  func route(on router: Router<HubServer.Context>) {
    router.put("v1/cases/{number}") { request, context in
      await answer(request) { try await put(request, number: try number(context)) }
    }
    router.get("v1/cases/{number}") { request, context in
      await answer(request) { try await get(number: try number(context)) }
    }
  }

  /// Checks the token, then answers; a problem thrown becomes its response, any other error a 503
  /// (the store's trouble, not the caller's).
  private func answer(_ request: Request, _ body: () async throws -> Response) async -> Response {
    // Constant time, like the pads' tokens.
    guard token.matches(authorization: request.headers[.authorization]) else {
      return HubServer.problem(.unauthorized, "unauthorized", "the counter system's bearer token is required")
    }
    do { return try await body() } catch let problem as CaseProblem {
      return HubServer.problem(problem.status, problem.code, problem.message)
    } catch {
      return HubServer.problem(.serviceUnavailable, "storage", "\(error)")
    }
  }

  /// The path's case number, percent-decoded and checked.
  private func number(_ context: HubServer.Context) throws(CaseProblem) -> String {
    guard let raw = context.parameters.get("number"), let number = raw.removingPercentEncoding else {
      throw CaseProblem(
        .badRequest, "bad_request", "field 'number': the path's case number is not percent-encoded UTF-8")
    }
    do { return try CaseDetails.checkedNumber(number) } catch {
      throw CaseProblem(.badRequest, "invalid_field", error.description)
    }
  }

  private func put(_ request: Request, number: String) async throws -> Response {
    let buffer: ByteBuffer
    do { buffer = try await request.body.collect(upTo: Self.bodyLimit) } catch {
      throw CaseProblem(.contentTooLarge, "too_large", "the body is larger than \(Self.bodyLimit) bytes")
    }
    let order: CaseOrder
    do { order = try WireCoding.decoder().decode(CaseOrder.self, from: Data(buffer: buffer)) } catch {
      throw CaseProblem(.badRequest, "bad_request", WireCoding.describe(error))
    }
    let details: CaseDetails
    do { details = try CaseDetails(number: number, order: order) } catch {
      throw CaseProblem(.unprocessableContent, "invalid_field", error.description)
    }
    let created: Bool
    do { created = try await store.putCase(details, at: UnixMilliseconds.now()) } catch let refusal
      as CaseRefusal
    {
      throw CaseProblem(.conflict, "already_forwarded", refusal.description)
    }
    guard let stored = try await store.storedCase(number: number) else {
      throw HubStoreError("case \(number) was stored but does not read back")
    }
    return HubServer.json(CaseView(stored), status: created ? .created : .ok)
  }

  private func get(number: String) async throws -> Response {
    guard let stored = try await store.storedCase(number: number) else {
      throw CaseProblem(.notFound, "unknown_case", "no case '\(number)' has been sent to this hub")
    }
    return HubServer.json(CaseView(stored))
  }
}

/// A case API answer other than success: its status, code and message.
struct CaseProblem: Error {
  let status: HTTPResponse.Status
  let code: String
  let message: String

  init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
    self.status = status
    self.code = code
    self.message = message
  }
}
