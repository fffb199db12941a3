import Glibc
import RatingFlow

/// Reads CLOCK_MONOTONIC for the flow: wall-clock jumps (pads often boot with a wrong clock) never move timeouts.
public enum MonotonicClock {
  /// Now, on the monotonic clock.
  public static func now() -> FlowInstant {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return FlowInstant(nanoseconds: UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec))
  }
}
