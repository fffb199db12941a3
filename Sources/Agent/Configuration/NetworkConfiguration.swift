import ConfigurationFile
import HubLink
import ServerGuard
import SyncProtocol

/// Reads `[api]` and `[push]`: how the pad listens for the hub and counter system, and where it pushes.
enum NetworkConfiguration {
  static func readAPI(_ section: TOMLSection) throws(ConfigurationError) -> APISettings {
    try section.rejectUnknownKeys(allowed: [
      "listen", "hub_token_file", "counter_token_file", "counter_addresses", "tls_certificate", "tls_key",
      "idle_timeout_seconds", "max_connections", "counter_origin",
    ])
    let listen = try section.string("listen") ?? "0.0.0.0:8440"
    guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
      (0...65535).contains(port)
    else { throw section.error("listen", "'\(listen)' is not HOST:PORT, e.g. 0.0.0.0:8440") }
    // The cap stays well below the unit's LimitNOFILE=1024, with room for the accept backstop.
    let defaults = APISettings.defaultConnections
    let connections = ConnectionLimits(
      idleTimeout: try section.int("idle_timeout_seconds", in: 1...300).map { Duration.seconds($0) }
        ?? defaults.idleTimeout,
      maximumConnections: try section.int("max_connections", in: 8...640) ?? defaults.maximumConnections)
    var settings = APISettings(
      host: String(listen[..<colon]), port: port,
      hubToken: try token(section, "hub_token_file", required: true)!)
    settings.connections = connections
    settings.counterToken = try token(section, "counter_token_file", required: false)
    if let addresses = try section.strings("counter_addresses") {
      do { settings.counterAddresses = try AddressAllowList(addresses) } catch {
        throw section.error("counter_addresses", error.description)
      }
    }
    if let origin = try section.string("counter_origin") {
      guard origin.wholeMatch(of: /https?:\/\/[A-Za-z0-9.\-\[\]:]+/) != nil, origin.count <= 200 else {
        throw section.error(
          "counter_origin",
          "'\(origin)' is not a web origin like http://127.0.0.1:3000 (scheme, host and port only)")
      }
      settings.counterOrigin = origin
    }
    // Not read here: `status` and `export` read this file too, and the key is the agent's alone.
    settings.tls = try TLSFiles.read(section, checkingFiles: false)
    return settings
  }

  static func readPush(_ section: TOMLSection) throws(ConfigurationError) -> PushSettings {
    try section.rejectUnknownKeys(allowed: [
      "url", "token_file", "certificate_authority", "batch_size", "backoff_base_seconds",
      "backoff_cap_seconds",
      "timeout_seconds", "enrolment_recheck_seconds",
    ])
    let url = try section.requiredString("url")
    guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
      throw section.error("url", "'\(url)' is not an http:// or https:// URL")
    }
    var settings = PushSettings(
      url: url, token: try token(section, "token_file", required: true)!,
      certificateAuthority: try section.string("certificate_authority"))
    settings.batchSize = try section.int("batch_size", in: 1...5000) ?? settings.batchSize
    let base = try section.int("backoff_base_seconds", in: 1...3600) ?? 5
    let cap = try section.int("backoff_cap_seconds", in: 1...86_400) ?? 600
    guard cap >= base else {
      throw section.error("backoff_cap_seconds", "must not be below backoff_base_seconds")
    }
    settings.backoff = Backoff(base: .seconds(base), cap: .seconds(cap))
    settings.exchangeTimeout = .seconds(try section.int("timeout_seconds", in: 1...600) ?? 30)
    settings.enrolmentRecheck = .seconds(try section.int("enrolment_recheck_seconds", in: 1...3600) ?? 30)
    return settings
  }

  private static func token(_ section: TOMLSection, _ key: String, required: Bool) throws(ConfigurationError)
    -> AccessToken?
  {
    guard let path = required ? try section.requiredString(key) : try section.string(key) else { return nil }
    do { return try AccessToken.load(path: path) } catch { throw section.error(key, error.description) }
  }
}
