import AsyncHTTPClient
import Foundation
import NIOCore
import SyncProtocol

/// What the hub said to an empty push: can this pad reach it, does TLS hold, is its token known.
public enum HubProbeResult: Sendable, Equatable, CustomStringConvertible {
  /// The hub took the token and knows the device.
  case accepted
  /// The hub took the token but has not enrolled this device's key yet (normal before enrolment).
  case notEnrolled
  /// The hub refused the token (HTTP 401).
  case tokenRefused
  /// No answer: connection refused, name not found, TLS handshake failed, timed out.
  case unreachable(String)
  /// An answer the pad does not understand.
  case unexpected(String)

  /// Whether the link works: TLS, address and token are right.
  public var linkWorks: Bool { self == .accepted || self == .notEnrolled }

  public var description: String {
    switch self {
    case .accepted: "the hub accepted the token and knows this device"
    case .notEnrolled:
      "the hub accepted the token; the device is not enrolled yet (enrol it with its QR code)"
    case .tokenRefused: "the hub refused the token (401): check the token shared with the hub"
    case .unreachable(let why): "cannot reach the hub: \(why)"
    case .unexpected(let what): "the hub answered something unexpected: \(what)"
    }
  }
}

/// Checks the hub link once, for provisioning and the self-test: an empty batch pushed to the hub.
public enum HubProbe {
  /// Pushes an empty page for `device` (its key fingerprint), with the key's `handovers` (a hub that
  /// knows only an earlier key takes this one by them), and classifies the answer.
  public static func check(
    _ settings: PushSettings, device: String, handovers: [WireKeyHandover] = [],
    timeout: Duration = .seconds(10)
  ) async
    -> HubProbeResult
  {
    var configuration: HTTPClient.Configuration
    do { configuration = try settings.clientConfiguration() } catch { return .unexpected(error.description) }
    // A refused handshake is retried until the connect timeout: keep that within the probe's time.
    configuration.timeout.connect = .seconds(min(10, timeout.components.seconds))
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    let result = await exchange(client, settings, device: device, handovers: handovers, timeout: timeout)
    try? await client.shutdown()
    return result
  }

  private static func exchange(
    _ client: HTTPClient, _ settings: PushSettings, device: String, handovers: [WireKeyHandover],
    timeout: Duration
  )
    async -> HubProbeResult
  {
    var request = HTTPClientRequest(url: settings.url)
    request.method = .POST
    request.headers.add(name: "Authorization", value: settings.token.authorization)
    request.headers.add(name: "Content-Type", value: "application/json")
    let empty = RecordPage(
      device: device, records: [], headSeq: 0, acknowledgedThrough: 0, more: false, handovers: handovers)
    request.body = .bytes(ByteBuffer(bytes: empty.jsonBytes()))
    do {
      let response = try await client.execute(request, timeout: .seconds(timeout.components.seconds))
      let body = String(buffer: try await response.body.collect(upTo: 64 << 10))
      switch response.status.code {
      case 200..<300: return .accepted
      case 401: return .tokenRefused
      case 403 where body.contains("not_enrolled"): return .notEnrolled
      default: return .unexpected("HTTP \(response.status.code): \(body.prefix(200))")
      }
    } catch {
      return .unreachable("\(settings.url): \(error)")
    }
  }
}
