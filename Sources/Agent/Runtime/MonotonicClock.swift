import Ledger
import RatingFlow
import RatingModel

/// Reads CLOCK_MONOTONIC for the flow: wall-clock jumps (pads often boot with a wrong clock) never move timeouts.
public enum MonotonicClock {
  /// Now, on the monotonic clock.
  public static func now() -> FlowInstant {
    FlowInstant(nanoseconds: UInt64(SystemClock.monotonicNanoseconds()))
  }
}
