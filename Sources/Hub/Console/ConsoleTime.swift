import RatingModel
import RecordChain

/// Times as the console shows them: in the halls' time (UTC+8).
enum ConsoleTime {
  private static func iso(_ milliseconds: Int64) -> String {
    ISOTime.format(milliseconds: milliseconds, offsetSeconds: Int32(CivilDate.utcOffsetSeconds))
  }

  /// `09:30:00`.
  static func clock(_ milliseconds: Int64) -> String { String(iso(milliseconds).dropFirst(11).prefix(8)) }

  /// `2026-11-25 09:30`.
  static func minute(_ milliseconds: Int64) -> String {
    let text = iso(milliseconds)
    return text.prefix(10) + " " + text.dropFirst(11).prefix(5)
  }

  /// Today in the halls' time, as milliseconds since the epoch.
  static func today(now: Int64) -> Range<Int64> {
    let day = CivilDate(wallMilliseconds: now)
    return day.startMilliseconds..<day.adding(days: 1).startMilliseconds
  }
}
