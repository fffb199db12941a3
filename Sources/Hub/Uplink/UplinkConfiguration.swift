import ConfigurationFile
import Foundation
import ProvinceInterface
import ServerGuard
import SyncProtocol

/// The hub's `[uplink]`: which province profile, where the province is, and the hall's settings
/// and secrets the profile reads. Without it the hub keeps its outbox but sends nothing.
public struct UplinkConfiguration: Sendable {
  /// The province's interface.
  public var profile: ProvinceProfile
  /// Its address and the hall's settings and secrets.
  public var connection: ProvinceConnection
  /// This hub instance's name in the outbox's leases: an instance restarted under it takes its
  /// own leases back at once. The host name and listening port unless configured.
  public var instance: String?
  /// How long a bad rating waits for its reasons before it is forwarded without any.
  public var awaitingReasons: Duration = .seconds(15 * 60)
  /// PEM file of the authorities an https province's certificate is signed by; the system's roots
  /// when nil (never the pads' private CA of `certificate_authority` at the top level).
  public var certificateAuthority: String?

  /// Reads `[uplink]`: the profile file is loaded and checked, every setting and secret it reads
  /// must be given, and secret files must be readable by the hub alone.
  static func read(_ section: TOMLSection) throws(ConfigurationError) -> UplinkConfiguration {
    try section.rejectUnknownKeys(allowed: [
      "profile", "url", "instance", "awaiting_reasons_minutes", "settings", "secrets",
      "certificate_authority",
    ])
    let profile = try ProvinceProfile.load(path: try section.requiredString("profile"))
    let url = try section.requiredString("url")
    guard url.hasPrefix("http://") || url.hasPrefix("https://"), URL(string: url)?.host != nil else {
      throw section.error("url", "'\(url)' is not an http:// or https:// URL")
    }
    var settings: [String: String] = [:]
    if let table = try section.section("settings") {
      for key in table.keys { settings[key] = try table.requiredString(key) }
    }
    var secrets: [String: String] = [:]
    if let table = try section.section("secrets") {
      for key in table.keys {
        let path = try table.requiredString(key)
        do { secrets[key] = try SecretFile.read(path) } catch { throw table.error(key, error.description) }
      }
    }
    let connection = ProvinceConnection(baseURL: url, settings: settings, secrets: secrets)
    if let missing = connection.missing(for: profile).first {
      let (table, name) =
        missing.hasPrefix("setting.") ? ("settings", missing.dropFirst(8)) : ("secrets", missing.dropFirst(7))
      throw section.error(
        "\(table).\(name)", "profile \(profile.name) needs \(missing): give it under [uplink.\(table)]")
    }
    var configuration = UplinkConfiguration(profile: profile, connection: connection)
    configuration.instance = try section.string("instance")
    if let authority = try section.string("certificate_authority") {
      do { try PEMCheck.certificates(at: authority) } catch {
        throw section.error("certificate_authority", error.description)
      }
      configuration.certificateAuthority = authority
    }
    if let minutes = try section.int("awaiting_reasons_minutes", in: 1...1440) {
      configuration.awaitingReasons = .seconds(minutes * 60)
    }
    return configuration
  }
}

/// A secret kept in a file of its own (`OwnerOnlyFile`), its text without the trailing newline.
enum SecretFile {
  static func read(_ path: String) throws(OwnerOnlyFile.Problem) -> String {
    let text = String(decoding: try OwnerOnlyFile.read(path, what: "the secret"), as: UTF8.self)
      .trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty, text.count <= 4096 else {
      throw OwnerOnlyFile.Problem(description: "\(path): the secret is empty or longer than 4,096 characters")
    }
    return text
  }
}
