import AsyncHTTPClient
import Foundation
import PhotoDecoding
import ServerGuard
import SyncProtocol

/// How the pad's HTTP API listens and whom it lets in.
public struct APISettings: Sendable {
  /// The address to listen on, e.g. `0.0.0.0` on a device, `127.0.0.1` in tests.
  public var host: String
  /// The port; 0 picks a free one (tests).
  public var port: Int
  /// PEM certificate chain and private key for TLS; plain HTTP when nil (loopback tests only).
  public var tls: TLSFiles?
  /// The hub's bearer token (pull, acknowledge, identity, head, health, metrics).
  public var hubToken: AccessToken
  /// The counter system's bearer token (open a prompt, read its status).
  public var counterToken: AccessToken?
  /// Where counter systems may call from.
  public var counterAddresses: AddressAllowList
  /// A web page's origin (`http://127.0.0.1:3000`) allowed to open and follow prompts from a
  /// browser (CORS): a kiosk's application that is a web page.
  public var counterOrigin: String?
  /// The largest page a pull may ask for.
  public var maximumPage: Int = 1000
  /// How clerks' photos are checked and decoded (size limits).
  public var photoDecoder = PhotoDecoder()
  /// The idle timeout and the connection cap.
  public var connections = APISettings.defaultConnections
  /// Unless configured: 10 s, and 256 connections, a quarter of the unit's 1,024 descriptors.
  public static let defaultConnections = ConnectionLimits(idleTimeout: .seconds(10), maximumConnections: 256)

  /// Makes settings.
  public init(
    host: String, port: Int, tls: TLSFiles? = nil, hubToken: AccessToken, counterToken: AccessToken? = nil,
    counterAddresses: AddressAllowList = .loopback
  ) {
    self.host = host
    self.port = port
    self.tls = tls
    self.hubToken = hubToken
    self.counterToken = counterToken
    self.counterAddresses = counterAddresses
  }
}

/// How the pad pushes to its hub.
public struct PushSettings: Sendable {
  /// The hub's push endpoint, e.g. `https://hub.example/v1/push`.
  public var url: String
  /// The token the pad presents to the hub.
  public var token: AccessToken
  /// PEM file of the certificate authority that signed the hub's certificate (https only).
  public var certificateAuthority: String?
  /// Records per batch: about 700 KB of JSON at 1,000, which a slow link still moves well
  /// within the exchange timeout, while a backlog drains in few round trips.
  public var batchSize: Int = PushSettings.defaultBatchSize
  /// Records per batch unless configured.
  public static let defaultBatchSize = 1000
  /// Retry delays: full jitter over base · 2^attempt, capped.
  public var backoff: Backoff = Backoff()
  /// The longest one exchange with the hub may take, end to end.
  public var exchangeTimeout: Duration = .seconds(30)
  /// How often a pad the hub does not know (yet) asks again: its records reach the hub within
  /// about this long of its enrolment.
  public var enrolmentRecheck: Duration = .seconds(30)

  /// Makes settings.
  public init(url: String, token: AccessToken, certificateAuthority: String? = nil) {
    self.url = url
    self.token = token
    self.certificateAuthority = certificateAuthority
  }
}

extension PushSettings {
  /// The HTTP client set-up for this hub: TLS 1.2+ trusting the provisioned CA for https.
  func clientConfiguration() throws(LinkError) -> HTTPClient.Configuration {
    guard let url = URL(string: url), url.scheme == "http" || url.scheme == "https", url.host != nil
    else { throw .badURL("'\(self.url)' is not an http(s) URL") }
    var configuration = HTTPClient.Configuration()
    if url.scheme == "https" {
      configuration.tlsConfiguration = ClientTLS.configuration(trusting: certificateAuthority)
    }
    configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
    return configuration
  }
}

/// Something about the link's own setup is wrong.
public enum LinkError: Error, Equatable, CustomStringConvertible {
  /// An allow-list entry is not an address or network.
  case badAddress(String)
  /// TLS files cannot be used.
  case badTLS(String)
  /// The hub URL cannot be used.
  case badURL(String)

  public var description: String {
    switch self {
    case .badAddress(let entry): "'\(entry)' is not an IP address or network (e.g. 10.1.2.0/24)"
    case .badTLS(let problem): "TLS: \(problem)"
    case .badURL(let problem): "hub URL: \(problem)"
    }
  }
}
