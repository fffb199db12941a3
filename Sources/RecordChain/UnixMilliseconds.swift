import Glibc

/// Wall-clock time as records and the wire carry it: milliseconds since 1970 UTC.
public enum UnixMilliseconds {
  /// CLOCK_REALTIME now: the system's own clock, which may be wrong on a pad that has not learned
  /// the time (see the ledger's `SystemClock`).
  public static func now() -> Int64 {
    var wall = timespec()
    clock_gettime(CLOCK_REALTIME, &wall)
    return Int64(wall.tv_sec) * 1000 + Int64(wall.tv_nsec) / 1_000_000
  }
}
