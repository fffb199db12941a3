import Foundation
import Glibc
import RecordChain

extension RecordTime {
  /// Reads the wall clock, the local UTC offset, the boot id and the monotonic clock now.
  public static func now() -> RecordTime {
    var wall = timespec()
    clock_gettime(CLOCK_REALTIME, &wall)
    var monotonic = timespec()
    clock_gettime(CLOCK_MONOTONIC, &monotonic)
    var seconds = wall.tv_sec
    var local = tm()
    localtime_r(&seconds, &local)
    return RecordTime(
      wallMilliseconds: Int64(wall.tv_sec) * 1000 + Int64(wall.tv_nsec) / 1_000_000,
      utcOffsetSeconds: Int32(local.tm_gmtoff), bootID: currentBootID,
      monotonicNanoseconds: Int64(monotonic.tv_sec) * 1_000_000_000 + Int64(monotonic.tv_nsec))
  }

  /// The kernel's id for this boot, read once.
  static let currentBootID: String = {
    let text = (try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8)) ?? "unknown"
    return text.trimmingCharacters(in: .whitespacesAndNewlines)
  }()
}
