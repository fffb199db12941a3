import RatingModel

/// A point on a monotonic clock, in nanoseconds since an arbitrary origin (the boot).
///
/// The flow never reads a clock itself; callers pass the time in, so tests drive it exactly.
public struct FlowInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
  /// Nanoseconds since the clock's origin.
  public let nanoseconds: UInt64

  /// Makes an instant from nanoseconds since the origin.
  public init(nanoseconds: UInt64) { self.nanoseconds = nanoseconds }

  /// The instant `duration` later.
  public static func + (lhs: FlowInstant, rhs: Duration) -> FlowInstant {
    FlowInstant(nanoseconds: lhs.nanoseconds &+ rhs.nanoseconds)
  }

  /// The time from `rhs` to `lhs` (zero if `rhs` is later).
  public static func - (lhs: FlowInstant, rhs: FlowInstant) -> Duration {
    lhs.nanoseconds >= rhs.nanoseconds ? .nanoseconds(Int64(lhs.nanoseconds - rhs.nanoseconds)) : .zero
  }

  public static func < (lhs: FlowInstant, rhs: FlowInstant) -> Bool { lhs.nanoseconds < rhs.nanoseconds }

  public var description: String { "\(Double(nanoseconds) / 1e9)s" }
}

extension Duration {
  /// The duration as whole nanoseconds (negative durations count as zero).
  public var nanoseconds: UInt64 {
    let (seconds, attoseconds) = components
    guard seconds >= 0 else { return 0 }
    return UInt64(seconds) * 1_000_000_000 + UInt64(attoseconds / 1_000_000_000)
  }
}
