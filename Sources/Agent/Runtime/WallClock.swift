import Glibc

/// The local date and time as the idle screen shows it: the time the pad believes (`PadClock`),
/// which is the hub's when the system clock is unknown.
enum WallClock {
  /// `2026-11-25 09:30` in local time.
  static func minuteText(milliseconds: Int64) -> String {
    var now = time_t(milliseconds / 1000)
    var parts = tm()
    localtime_r(&now, &parts)
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return
      "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday)) \(two(parts.tm_hour)):\(two(parts.tm_min))"
  }

  /// Seconds until the minute shown changes.
  static func secondsToNextMinute(milliseconds: Int64) -> Int64 {
    60 - (milliseconds / 1000) % 60
  }
}
