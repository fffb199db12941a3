import Glibc

/// ISO 8601 local time with offset, e.g. `2026-11-25T09:30:00.123+08:00`.
public enum ISOTime {
  /// Formats wall-clock milliseconds at a UTC offset.
  public static func format(milliseconds: Int64, offsetSeconds: Int32) -> String {
    var seconds = time_t((milliseconds - (milliseconds % 1000 + 1000) % 1000) / 1000 + Int64(offsetSeconds))
    var parts = tm()
    gmtime_r(&seconds, &parts)
    let millis = (milliseconds % 1000 + 1000) % 1000
    let sign = offsetSeconds < 0 ? "-" : "+"
    let offset = abs(Int(offsetSeconds))
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    func three(_ value: Int64) -> String {
      String(repeating: "0", count: 3 - String(value).count) + String(value)
    }
    return "\(parts.tm_year + 1900)-\(two(Int(parts.tm_mon) + 1))-\(two(Int(parts.tm_mday)))T"
      + "\(two(Int(parts.tm_hour))):\(two(Int(parts.tm_min))):\(two(Int(parts.tm_sec))).\(three(millis))"
      + "\(sign)\(two(offset / 3600)):\(two(offset % 3600 / 60))"
  }
}
