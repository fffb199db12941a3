import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL
import SyncProtocol

/// Asks the running agent on this device for its health (`ratingpad status`), as the hub would.
public enum HealthQuery {
  /// GET /v1/health on the agent's own API; the failure says why the agent could not be asked.
  public static func ask(_ settings: APISettings) async -> Result<HealthReport, HealthQueryError> {
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
    var request = HTTPClientRequest(url: "\(scheme)://\(host):\(settings.port)/v1/health")
    request.headers.add(name: "Authorization", value: settings.hubToken.authorization)
    let result: Result<HealthReport, HealthQueryError>
    do {
      let response = try await client.execute(request, timeout: .seconds(5))
      let body = try await response.body.collect(upTo: 1 << 20)
      if response.status.code == 200,
        let report = try? WireCoding.decoder().decode(HealthReport.self, from: Data(buffer: body))
      {
        result = .success(report)
      } else {
        result = .failure(HealthQueryError("the agent answered HTTP \(response.status.code)"))
      }
    } catch {
      result = .failure(HealthQueryError("the agent is not answering on \(host):\(settings.port) (\(error))"))
    }
    try? await client.shutdown()
    return result
  }
}

/// Why the running agent could not be asked for its health.
public struct HealthQueryError: Error, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}
