import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import SyncProtocol

/// Asks the running agent on this device through its own API, with the hub's token, as the hub
/// would: its health (`ratingpad status`), or to send its dead letters again (`ratingpad resend`).
public enum AgentQuery {
  /// GET /v1/health; the failure says why the agent could not be asked.
  public static func health(_ settings: APISettings) async -> Result<HealthReport, AgentQueryError> {
    await ask(settings, .GET, "/v1/health", answer: HealthReport.self)
  }

  /// POST /v1/dead-letters/resend; returns how many dead letters go again.
  public static func resendDeadLetters(_ settings: APISettings) async -> Result<Int, AgentQueryError> {
    await ask(settings, .POST, "/v1/dead-letters/resend", answer: ResentDeadLetters.self).map(\.resent)
  }

  private static func ask<Answer: Decodable>(
    _ settings: APISettings, _ method: HTTPMethod, _ path: String, answer: Answer.Type
  ) async -> Result<Answer, AgentQueryError> {
    let host = settings.host == "0.0.0.0" || settings.host == "::" ? "127.0.0.1" : settings.host
    var configuration = HTTPClient.Configuration()
    if let tls = settings.tls {
      // Its own certificate, whatever name it carries: this is the device asking itself.
      var client = TLSConfiguration.makeClientConfiguration()
      client.trustRoots = .file(tls.certificate)
      client.certificateVerification = .noHostnameVerification
      configuration.tlsConfiguration = client
    }
    configuration.timeout = .init(connect: .seconds(3), read: .seconds(5))
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    let scheme = settings.tls == nil ? "http" : "https"
    var request = HTTPClientRequest(url: "\(scheme)://\(host):\(settings.port)\(path)")
    request.method = method
    request.headers.add(name: "Authorization", value: settings.hubToken.authorization)
    let result: Result<Answer, AgentQueryError>
    do {
      let response = try await client.execute(request, timeout: .seconds(5))
      let body = try await response.body.collect(upTo: 1 << 20)
      if response.status.code == 200,
        let decoded = try? WireCoding.decoder().decode(Answer.self, from: Data(buffer: body))
      {
        result = .success(decoded)
      } else {
        result = .failure(AgentQueryError("the agent answered HTTP \(response.status.code)"))
      }
    } catch {
      result = .failure(AgentQueryError("the agent is not answering on \(host):\(settings.port) (\(error))"))
    }
    try? await client.shutdown()
    return result
  }
}

/// How many dead letters the agent sends again (`POST /v1/dead-letters/resend`).
public struct ResentDeadLetters: Codable, Sendable, Equatable {
  /// Batches the hub had refused that go to it again.
  public var resent: Int
}

/// Why the running agent could not be asked.
public struct AgentQueryError: Error, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}
