import ConfigurationFile
import Foundation
import RatingFlow
import RatingModel

/// `[rate_later] url_template`: the address a QR code on the prompt (and on its expired screen)
/// offers, to rate the open transaction later on a phone. Scanning it is the hub's business.
public struct RateLaterTemplate: Sendable, Hashable {
  /// The template as configured, e.g. `https://hub.example/rate?t={transaction}&s={stage}`.
  public let template: String

  /// The placeholders a template may use, and what each becomes.
  public static let placeholders: [String: @Sendable (Prompt, DeviceIdentity) -> String] = [
    "transaction": { prompt, _ in prompt.source.transaction?.number ?? "" },
    "stage": { prompt, _ in prompt.source.transaction?.stage.rawValue ?? "" },
    "service_item": { prompt, _ in prompt.source.transaction?.serviceItemCode ?? "" },
    "prompt": { prompt, _ in prompt.id.value },
    "window": { prompt, device in prompt.source.transaction?.window ?? device.window },
    "area_code": { _, device in device.areaCode },
  ]

  /// The longest template accepted: the QR code must stay small enough to scan at the corner.
  public static let maximumLength = 200

  /// Checks `template`; the problem says what is wrong (the loader adds file, line and key).
  public init(_ template: String) throws(RateLaterProblem) {
    guard template.hasPrefix("https://") || template.hasPrefix("http://") else {
      throw RateLaterProblem("'\(template)' is not an http:// or https:// address")
    }
    guard template.count <= Self.maximumLength else {
      throw RateLaterProblem(
        "is \(template.count) characters long; at most \(Self.maximumLength) fit a QR code")
    }
    guard !template.contains(where: { $0.isWhitespace }) else {
      throw RateLaterProblem("'\(template)' contains white space")
    }
    var rest = Substring(template)
    while let open = rest.firstIndex(where: { $0 == "{" || $0 == "}" }) {
      guard rest[open] == "{", let close = rest[open...].firstIndex(of: "}") else {
        throw RateLaterProblem("'\(template)' has an unmatched brace")
      }
      let name = String(rest[rest.index(after: open)..<close])
      guard Self.placeholders[name] != nil else {
        throw RateLaterProblem(
          "unknown placeholder {\(name)} (expected one of: \(Self.placeholders.keys.sorted().map { "{\($0)}" }.joined(separator: ", ")))"
        )
      }
      rest = rest[rest.index(after: close)...]
    }
    self.template = template
  }

  /// The address for `prompt` on `device`; nil for a prompt without a transaction (nothing to rate later).
  public func url(for prompt: Prompt, device: DeviceIdentity) -> String? {
    guard prompt.source.transaction != nil else { return nil }
    var url = template
    for (name, value) in Self.placeholders {
      url = url.replacingOccurrences(of: "{\(name)}", with: Self.escape(value(prompt, device)))
    }
    return url
  }

  /// Percent-encodes everything but RFC 3986's unreserved characters.
  static func escape(_ value: String) -> String {
    let allowed = CharacterSet(
      charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }

  /// Reads `[rate_later]`: off (nil) unless `url_template` is set.
  static func read(_ section: TOMLSection) throws(ConfigurationError) -> RateLaterTemplate? {
    try section.rejectUnknownKeys(allowed: ["url_template"])
    guard let text = try section.string("url_template") else { return nil }
    do { return try RateLaterTemplate(text) } catch { throw section.error("url_template", error.problem) }
  }
}

/// What is wrong with a rate-later template.
public struct RateLaterProblem: Error, Equatable, Sendable {
  /// The sentence.
  public let problem: String

  init(_ problem: String) { self.problem = problem }
}
