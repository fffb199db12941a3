import ConfigurationFile
import Foundation
import ServerGuard
import SyncProtocol

/// The hub's configuration: where it listens, where it stores, and the pads it serves.
public struct HubConfiguration: Sendable {
  /// Listening address for pushes.
  public var host = "127.0.0.1"
  /// Listening port; 0 picks a free one.
  public var port = 8441
  /// A SQLite file path, or a `postgres://` URL.
  public var database: String
  /// How often each pad with a URL is pulled.
  public var pullInterval: Duration = .seconds(5)
  /// The pads.
  public var pads: [PadEntry]
  /// The idle timeout and the connection cap of the push server.
  public var connections = HubConfiguration.defaultConnections
  /// Unless configured: 10 s, and 512 connections, half the usual 1,024 descriptors.
  public static let defaultConnections = ConnectionLimits(idleTimeout: .seconds(10), maximumConnections: 512)
  /// The push server's certificate chain and key: it speaks HTTPS only when set.
  public var tls: TLSFiles?
  /// PEM file of the certificate authorities (one or more) the pads' certificates are signed by:
  /// pulls over https trust these alone. The system's roots when nil.
  public var certificateAuthority: String?
  /// The case API for the counter system (`[cases]`); none when nil.
  public var cases: CasesConfiguration?

  /// The province the hub forwards ratings to, if any.
  public var uplink: UplinkConfiguration?

  /// The hall's web console (`[console]`); none when nil.
  public var console: ConsoleConfiguration?

  /// Where bad ratings are announced (`[[webhook]]`); none when empty.
  public var webhooks: [WebhookConfiguration] = []

  /// Reads `path`; errors name file, line and key.
  public static func load(path: String) throws(ConfigurationError) -> HubConfiguration {
    let root = try TOMLSection.root(readingFile: path)
    try root.rejectUnknownKeys(allowed: [
      "listen", "database", "pull_interval_seconds", "idle_timeout_seconds", "max_connections",
      "tls_certificate", "tls_key", "certificate_authority", "pad", "cases", "uplink", "console", "webhook",
    ])
    var configuration = HubConfiguration(
      database: try root.requiredString("database"), pads: try root.sections("pad").map(PadEntry.init))
    if let listen = try root.string("listen") {
      guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
        (0...65535).contains(port)
      else { throw root.error("listen", "must be HOST:PORT, e.g. 0.0.0.0:8441") }
      configuration.host = String(listen[..<colon])
      configuration.port = port
    }
    if let seconds = try root.int("pull_interval_seconds", in: 1...86_400) {
      configuration.pullInterval = .seconds(seconds)
    }
    if let seconds = try root.int("idle_timeout_seconds", in: 1...300) {
      configuration.connections.idleTimeout = .seconds(seconds)
    }
    if let cap = try root.int("max_connections", in: 16...60_000) {
      configuration.connections.maximumConnections = cap
    }
    if let uplink = try root.section("uplink") { configuration.uplink = try UplinkConfiguration.read(uplink) }
    // Checked here, so a hub with unusable files refuses to start, naming the key and the file.
    configuration.tls = try TLSFiles.read(root, checkingFiles: true)
    if let authority = try root.string("certificate_authority") {
      do { try PEMCheck.certificates(at: authority) } catch {
        throw root.error("certificate_authority", error.description)
      }
      configuration.certificateAuthority = authority
    }
    configuration.cases = try root.section("cases").map(CasesConfiguration.init)
    configuration.console = try root.section("console").map(ConsoleConfiguration.init)
    configuration.webhooks = try WebhookConfiguration.read(root)
    return configuration
  }

  /// Makes a configuration.
  public init(database: String, pads: [PadEntry]) {
    self.database = database
    self.pads = pads
  }
}

/// One pad the hub serves: pulled when it has a URL, accepted when it pushes with its token.
public struct PadEntry: Sendable {
  /// A name for reports, e.g. `hall-a-window-3`.
  public var name: String
  /// The pad's API, e.g. `https://10.1.2.3:8440`; no pulls without it.
  public var url: String?
  /// The pad's push token: what the hub accepts from the pad.
  public var token: AccessToken
  /// The hub's pull token: what the hub presents to the pad's API (the pad's `hub_token_file`).
  public var pullToken: AccessToken
  /// Whether one token serves both ways (a configuration from before the two were separate).
  public var sharesOneToken: Bool
  /// The pad's public key (base64), when enrolled by provisioning rather than by a first pull.
  public var publicKey: String?
  /// The key fingerprint the pad must show, when pinned.
  public var fingerprint: String?
  /// Whether the first pull may enrol whatever key answers (trust on first use), when neither
  /// the database nor the configuration knows the pad's key.
  public var enrolOnFirstPull: Bool

  /// Makes an entry; the pull token defaults to the push token.
  public init(
    name: String, url: String?, token: AccessToken, pullToken: AccessToken? = nil, publicKey: String? = nil,
    fingerprint: String? = nil, enrolOnFirstPull: Bool = false
  ) {
    self.name = name
    self.url = url
    self.token = token
    self.pullToken = pullToken ?? token
    sharesOneToken = pullToken == nil
    self.publicKey = publicKey
    self.fingerprint = fingerprint
    self.enrolOnFirstPull = enrolOnFirstPull
  }

  init(_ section: TOMLSection) throws(ConfigurationError) {
    try section.rejectUnknownKeys(allowed: [
      "name", "url", "token_file", "pull_token_file", "public_key", "fingerprint", "enrol_on_first_pull",
    ])
    let token = try section.accessToken("token_file", required: true)!
    let pullToken = try section.accessToken("pull_token_file", required: false)
    self.init(
      name: try section.requiredString("name"), url: try section.string("url"), token: token,
      pullToken: pullToken, publicKey: try section.string("public_key"),
      fingerprint: try section.string("fingerprint"),
      enrolOnFirstPull: try section.bool("enrol_on_first_pull") ?? false)
    guard url != nil || publicKey != nil else {
      throw section.error("url", "a pad needs a url to pull from, or a public_key to accept pushes")
    }
    if let fingerprint, !DevicePublicKeyText.isFingerprint(fingerprint) {
      throw section.error(
        "fingerprint", "'\(fingerprint)' is not a key fingerprint (32 lowercase hex digits)")
    }
  }
}
