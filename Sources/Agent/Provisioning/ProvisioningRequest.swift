import ConfigurationFile
import Foundation
import HubLink
import ServerGuard
import SyncProtocol

/// One window's provisioning, read from a provisioning file or flags and checked key by key.
///
/// It holds the device tables of a configuration (`[device]`, `[clerk]`, `[screen]`, …) as they
/// are, plus `[hub]` and `[counter]`: the secrets and certificates that provisioning turns into
/// files only the agent can read.
struct ProvisioningRequest: Sendable {
  /// The device tables, validated; the network part is filled in by `Provisioner`.
  var configuration: AgentConfiguration
  /// The same device tables as TOML, to be written into the configuration file.
  var deviceTables: String
  /// How the hub reaches the pad and where the pad pushes.
  var hub: HubEnrolment
  /// How the counter business system opens prompts; nil when no counter system is connected.
  var counter: CounterAccess?

  /// Reads a whole provisioning file (or the table made from flags).
  static func read(_ root: TOMLSection) throws(ConfigurationError) -> ProvisioningRequest {
    try root.rejectUnknownKeys(allowed: ConfigurationLoader.deviceSections.union(["hub", "counter"]))
    let configuration = try ConfigurationLoader.readDeviceSections(root)
    let deviceTables = TOMLDocument()
    for name in ConfigurationLoader.deviceSections.sorted() {
      if let section = try root.section(name) { deviceTables.setTable(name, to: section) }
    }
    return ProvisioningRequest(
      configuration: configuration, deviceTables: deviceTables.text,
      hub: try HubEnrolment.read(try root.section("hub", required: true)!),
      counter: try root.section("counter").map(CounterAccess.read))
  }
}

/// `[hub]` of a provisioning file.
struct HubEnrolment: Sendable {
  /// The secret the pad presents when pushing (and, unless `pullToken` is given, the hub when pulling).
  var token: String
  /// The secret the hub presents when pulling, apart from the push token.
  var pullToken: String?
  /// Where the pad's API listens for the hub's pulls (and the counter system).
  var listen: String
  /// The hub's push endpoint; nil when the hub only pulls.
  var pushURL: String?
  /// The CA that signed the hub's certificate (copied onto the device).
  var certificateAuthority: String?
  /// The pad's own certificate and key for its API (copied onto the device).
  var tls: TLSFiles?

  /// A warning when the API would speak plain HTTP on every interface: the tokens and every
  /// record would cross the hall's network readable by anyone on it.
  var plainHTTPWarning: String? {
    guard tls == nil, let colon = listen.lastIndex(of: ":") else { return nil }
    let host = listen[..<colon]
    guard ["0.0.0.0", "::", "[::]", ""].contains(host) else { return nil }
    return
      "the API listens on \(listen) in plain HTTP: the hub's and the counter system's tokens cross the "
      + "network readable; set hub.tls_certificate and hub.tls_key, or listen on one private address"
  }

  /// A warning when one token serves both ways: whoever answers a pull on the pad's address
  /// learns the token the pad pushes with.
  var sharedTokenWarning: String? {
    guard pushURL != nil, pullToken == nil else { return nil }
    return
      "hub.token serves both ways (the pad's pushes and the hub's pulls); give hub.pull_token for the "
      + "hub's pulls, and the same to the hub's [[pad]] pull_token_file"
  }

  static func read(_ section: TOMLSection) throws(ConfigurationError) -> HubEnrolment {
    try section.rejectUnknownKeys(allowed: [
      "token", "token_file", "pull_token", "pull_token_file", "listen", "push_url", "certificate_authority",
      "tls_certificate", "tls_key",
    ])
    let listen = try section.string("listen") ?? "0.0.0.0:8440"
    guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
      (1...65535).contains(port)
    else { throw section.error("listen", "'\(listen)' is not HOST:PORT, e.g. 0.0.0.0:8440") }
    let pushURL = try section.string("push_url")
    if let pushURL,
      URL(string: pushURL)?.host == nil || !(pushURL.hasPrefix("https://") || pushURL.hasPrefix("http://"))
    {
      throw section.error("push_url", "'\(pushURL)' is not an http:// or https:// URL")
    }
    let authority = try section.string("certificate_authority")
    if let authority {
      do { try PEMCheck.certificates(at: authority) } catch {
        throw section.error("certificate_authority", error.description)
      }
    }
    var enrolment = HubEnrolment(
      token: try secret(section)!, listen: listen, pushURL: pushURL, certificateAuthority: authority)
    enrolment.pullToken = try secret(section, inline: "pull_token", file: "pull_token_file", required: false)
    if let pull = enrolment.pullToken, pull == enrolment.token {
      throw section.error("pull_token", "must differ from token: one token each way")
    }
    enrolment.tls = try TLSFiles.read(section, checkingFiles: true)
    return enrolment
  }
}

/// `[counter]` of a provisioning file.
struct CounterAccess: Sendable {
  /// The counter system's secret.
  var token: String
  /// Where it may call from: addresses or CIDR ranges.
  var addresses: [String]

  static func read(_ section: TOMLSection) throws(ConfigurationError) -> CounterAccess {
    try section.rejectUnknownKeys(allowed: ["token", "token_file", "addresses"])
    let addresses = try section.strings("addresses") ?? ["127.0.0.1/32"]
    do { _ = try AddressAllowList(addresses) } catch { throw section.error("addresses", error.description) }
    return CounterAccess(token: try secret(section)!, addresses: addresses)
  }
}

/// A token given inline (`token`) or in a file (`token_file`, e.g. on the installer's USB stick);
/// nil when neither is given and it is not required.
private func secret(
  _ section: TOMLSection, inline inlineKey: String = "token", file fileKey: String = "token_file",
  required: Bool = true
) throws(ConfigurationError) -> String? {
  let text: String
  let key: String
  switch (try section.string(inlineKey), try section.string(fileKey)) {
  case (let inline?, nil):
    (text, key) = (inline, inlineKey)
  case (nil, let path?):
    guard let data = FileManager.default.contents(atPath: path) else {
      throw section.error(fileKey, "cannot read \(path)")
    }
    (text, key) = (String(decoding: data, as: UTF8.self), fileKey)
  case (nil, nil):
    guard required else { return nil }
    throw section.error(inlineKey, "is required (or \(fileKey))")
  case (_?, _?): throw section.error(fileKey, "give \(inlineKey) or \(fileKey), not both")
  }
  do { _ = try AccessToken(secret: text) } catch { throw section.error(key, error.description) }
  return text.trimmingCharacters(in: .whitespacesAndNewlines)
}
