import Foundation

/// The fields of an `application/x-www-form-urlencoded` body (or a query), the first of each name
/// kept; a value is at most `valueLimit` characters.
struct FormFields: Sendable, Equatable {
  private var values: [String: String] = [:]

  /// A field longer than this is refused: every console text is far shorter.
  static let valueLimit = 8_000

  init() {}

  /// Reads `text`; nil when it is not form encoding or a value is too long.
  init?(encoded text: String) {
    for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
      let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : ""),
        value.count <= Self.valueLimit
      else { return nil }
      if values[name] == nil { values[name] = value }
    }
  }

  private static func decode(_ part: Substring) -> String? {
    part.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
  }

  /// The field's value, trimmed; nil when absent.
  subscript(_ name: String) -> String? {
    values[name].map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
  }
}
