import Foundation
import Hummingbird
import SyncProtocol

/// Turns wire messages and problems into HTTP responses, all JSON in one shape.
enum Answers {
  static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
    json(
      bytes: ByteBuffer(data: (try? WireCoding.encoder().encode(value)) ?? Data("{}".utf8)), status: status)
  }

  /// A page of records, through the bulk JSON path.
  static func page(_ page: RecordPage) -> Response { json(bytes: ByteBuffer(bytes: page.jsonBytes())) }

  private static func json(bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
    Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: bytes))
  }

  static func problem(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
    var response = json(Problem(error: code, message: message), status: status)
    if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
    return response
  }

  /// Decodes a JSON body; a failure becomes a 400 naming the field and what was wrong with it.
  static func decode<T: Decodable>(
    _ type: T.Type, from request: Request, limit: Int = 64 * 1024
  ) async -> Result<T, ProblemResponse> {
    let buffer: ByteBuffer
    do { buffer = try await request.body.collect(upTo: limit) } catch {
      return .failure(
        ProblemResponse(.contentTooLarge, "too_large", "the body is larger than \(limit) bytes"))
    }
    do { return .success(try WireCoding.decoder().decode(T.self, from: Data(buffer: buffer))) } catch {
      return .failure(ProblemResponse(.badRequest, "bad_request", WireCoding.describe(error)))
    }
  }
}

/// A problem on its way to becoming a response.
struct ProblemResponse: Error {
  let status: HTTPResponse.Status
  let code: String
  let message: String

  init(_ status: HTTPResponse.Status, _ code: String, _ message: String) {
    self.status = status
    self.code = code
    self.message = message
  }

  var response: Response { Answers.problem(status, code, message) }
}
