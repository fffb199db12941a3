import Foundation

/// A time as the counter system may send it: milliseconds since the epoch, or ISO 8601 text with
/// its offset (`2026-12-05T09:30:00+08:00`; a time without one would be read in a guessed zone).
public enum CaseTime: Codable, Sendable, Equatable {
  /// Milliseconds since the epoch.
  case milliseconds(Int64)
  /// ISO 8601 text with an offset.
  case text(String)

  /// The earliest time accepted: 2000-01-01T00:00:00Z (no case in the system is older).
  static let earliest: Int64 = 946_684_800_000
  /// The latest: 2100-01-01T00:00:00Z (anything later is a unit mistake, say microseconds).
  static let latest: Int64 = 4_102_444_800_000

  public init(from decoder: any Decoder) throws {
    let value = try decoder.singleValueContainer()
    if let number = try? value.decode(Int64.self) {
      self = .milliseconds(number)
    } else {
      self = .text(try value.decode(String.self))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var value = encoder.singleValueContainer()
    switch self {
    case .milliseconds(let number): try value.encode(number)
    case .text(let text): try value.encode(text)
    }
  }

  /// Milliseconds since the epoch, range-checked; otherwise what is wrong, for `field`.
  func milliseconds(field: String) throws(CaseFieldError) -> Int64 {
    let milliseconds: Int64
    switch self {
    case .milliseconds(let number): milliseconds = number
    case .text(let text):
      guard text.utf8.count <= 40, let date = Self.parse(text) else {
        throw CaseFieldError(
          field,
          "'\(text.prefix(40))' is not milliseconds or ISO 8601 with an offset (2026-12-05T09:30:00+08:00)")
      }
      milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
    guard (Self.earliest...Self.latest).contains(milliseconds) else {
      throw CaseFieldError(field, "\(milliseconds) ms is not between the years 2000 and 2100")
    }
    return milliseconds
  }

  private static func parse(_ text: String) -> Date? {
    // With an offset or Z, seconds required, fractions optional.
    let plain = ISO8601DateFormatter()
    plain.formatOptions = [.withInternetDateTime]
    if let date = plain.date(from: text) { return date }
    let fractional = ISO8601DateFormatter()
    fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return fractional.date(from: text)
  }
}
