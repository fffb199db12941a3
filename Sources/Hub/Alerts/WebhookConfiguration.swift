import ConfigurationFile
import Foundation

/// One `[[webhook]]` of the hub's configuration: where every bad rating is announced, and in what
/// form. Without any, the hub enqueues no alerts.
public struct WebhookConfiguration: Sendable, Equatable {
  /// Its name, unique among the webhooks: deliveries are kept under it (never under the URL,
  /// which may carry the robot's key).
  public var name: String
  /// Where the alert is POSTed: http:// or https://.
  public var url: String
  /// The body's form.
  public var format: WebhookFormat
  /// Sent as `Authorization: Bearer …` when set (read from `token_file`, owner-only).
  public var token: String?
  /// How long one POST may take, connecting and reading the answer.
  public var timeout: Duration = .seconds(10)

  /// The range `timeout_seconds` is checked against.
  static let timeoutRange = 1...120

  /// Makes a webhook.
  public init(name: String, url: String, format: WebhookFormat, token: String? = nil) {
    self.name = name
    self.url = url
    self.format = format
    self.token = token
  }

  /// Reads every `[[webhook]]` of `root`; names must be unique, URLs http(s), formats known.
  static func read(_ root: TOMLSection) throws(ConfigurationError) -> [WebhookConfiguration] {
    var webhooks: [WebhookConfiguration] = []
    for section in try root.sections("webhook") {
      let webhook = try one(section)
      // The name keys the deliveries in the database: two webhooks under one name would share them.
      guard !webhooks.contains(where: { $0.name == webhook.name }) else {
        throw section.error("name", "'\(webhook.name)' names another webhook already: give each its own")
      }
      webhooks.append(webhook)
    }
    return webhooks
  }

  private static func one(_ section: TOMLSection) throws(ConfigurationError) -> WebhookConfiguration {
    try section.rejectUnknownKeys(allowed: ["name", "url", "format", "token_file", "timeout_seconds"])
    let name = try section.requiredString("name")
    guard name.count <= 64, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
      throw section.error("name", "'\(name)' must be at most 64 letters, digits, '-', '_' or '.'")
    }
    let url = try section.requiredString("url")
    guard url.hasPrefix("http://") || url.hasPrefix("https://"), url.count <= 2048,
      !url.contains(where: \.isWhitespace), let parsed = URL(string: url), parsed.host?.isEmpty == false
    else {
      // Not repeated in full: a robot's URL carries its key.
      throw section.error("url", "is not an http:// or https:// URL with a host")
    }
    let formatName = try section.string("format") ?? "json"
    guard let format = WebhookFormat(rawValue: formatName) else {
      throw section.error(
        "format",
        "'\(formatName)' is not one of: \(WebhookFormat.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    var webhook = WebhookConfiguration(name: name, url: url, format: format)
    if let path = try section.string("token_file") {
      do { webhook.token = try SecretFile.read(path) } catch {
        throw section.error("token_file", error.description)
      }
    }
    if let seconds = try section.int("timeout_seconds", in: timeoutRange) {
      webhook.timeout = .seconds(seconds)
    }
    return webhook
  }
}
