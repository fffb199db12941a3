import Foundation
import Glibc
import RecordChain

extension RecordTime {
  /// Reads the wall clock, the local UTC offset, the boot id and the monotonic clock now; the
  /// wall time counts as known when the system says its clock is synchronised, unless the caller
  /// (the agent, with its `ClockTrust`) knows better.
  public static func now(clockKnown: Bool? = nil) -> RecordTime {
    let reading = SystemClock.read()
    return RecordTime(
      wallMilliseconds: reading.wallMilliseconds, utcOffsetSeconds: SystemClock.utcOffsetSeconds(),
      bootID: currentBootID, monotonicNanoseconds: reading.monotonicNanoseconds,
      clockKnown: clockKnown ?? reading.synchronised)
  }

  /// The kernel's id for this boot, read once.
  public static let currentBootID: String = {
    let text = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? "unknown"
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }()
}
