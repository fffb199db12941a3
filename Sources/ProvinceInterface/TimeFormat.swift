import Foundation
import RatingModel

/// How a province writes a time: a pattern of `yyyy MM dd HH mm ss SSS` and literal characters,
/// or `unix-ms` / `unix-s`; in China Standard Time (`CivilDate.utcOffsetSeconds`), as every
/// interface seen writes it.
struct TimeFormat: Sendable, Equatable {
  let pattern: String

  static let fields = ["yyyy", "SSS", "MM", "dd", "HH", "mm", "ss"]

  /// Checks `pattern`: the unix forms, or a pattern with at least a year.
  init(_ pattern: String) throws(ProfileProblem) {
    guard pattern == "unix-ms" || pattern == "unix-s" || pattern.contains("yyyy") else {
      throw ProfileProblem(
        "time format '\(pattern)': use a pattern such as 'yyyy-MM-dd HH:mm:ss', or unix-ms, unix-s")
    }
    self.pattern = pattern
  }

  /// `milliseconds` since the epoch, written in China Standard Time.
  func write(milliseconds: Int64) -> String {
    if pattern == "unix-ms" { return String(milliseconds) }
    if pattern == "unix-s" { return String(milliseconds.quotientAndRemainder(dividingBy: 1000).quotient) }
    let date = CivilDate(wallMilliseconds: milliseconds)
    let sinceMidnight = milliseconds - date.startMilliseconds
    let daySeconds = sinceMidnight / 1000
    let fraction = sinceMidnight % 1000
    let (year, month, day) = (Int64(date.year), Int64(date.month), Int64(date.day))
    let values: [String: String] = [
      "yyyy": String(format: "%04lld", year), "MM": String(format: "%02lld", month),
      "dd": String(format: "%02lld", day), "HH": String(format: "%02lld", daySeconds / 3600),
      "mm": String(format: "%02lld", daySeconds % 3600 / 60), "ss": String(format: "%02lld", daySeconds % 60),
      "SSS": String(format: "%03lld", fraction),
    ]
    var out = ""
    var rest = Substring(pattern)
    outer: while !rest.isEmpty {
      for field in Self.fields where rest.hasPrefix(field) {
        out += values[field]!
        rest = rest.dropFirst(field.count)
        continue outer
      }
      out.append(rest.removeFirst())
    }
    return out
  }
}
