/// The ranges a record's numbers must lie in to be believed, checked where a record enters from
/// outside (a push, a pull answer, a stored body): arithmetic on values inside them cannot overflow.
public enum RecordLimits {
  /// Sequence numbers: 1 up to 2^53, the largest every JSON reader keeps exactly.
  public static let seq: ClosedRange<Int64> = 1...(1 << 53)
  /// A chain head or acknowledgement: 0 (nothing yet) up to the largest seq.
  public static let head: ClosedRange<Int64> = 0...seq.upperBound
  /// Wall-clock milliseconds: 1970 up to the end of 9999 (a pad without a clock may say 1970).
  public static let wallMilliseconds: ClosedRange<Int64> = 0...253_402_300_799_999
  /// UTC offsets of any time zone: ±14 hours.
  public static let utcOffsetSeconds: ClosedRange<Int32> = -50_400...50_400
  /// CLOCK_MONOTONIC nanoseconds since boot: up to 2^62 (146 years), so differences stay in range.
  public static let monotonicNanoseconds: ClosedRange<Int64> = 0...(1 << 62)
}
