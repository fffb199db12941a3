import CTimex
import Foundation
import Glibc
import RecordChain

/// The system's clocks as the kernel reports them: wall, monotonic, and whether the wall clock is
/// synchronised (NTP, or systemd-timesyncd having set it).
public enum SystemClock {
  /// One reading of both clocks and the synchronisation state.
  public struct Reading: Sendable, Equatable {
    /// CLOCK_REALTIME in milliseconds since 1970 UTC.
    public var wallMilliseconds: Int64
    /// CLOCK_MONOTONIC in nanoseconds since boot.
    public var monotonicNanoseconds: Int64
    /// Whether the system says its wall clock is synchronised.
    public var synchronised: Bool

    /// Makes a reading (tests make their own).
    public init(wallMilliseconds: Int64, monotonicNanoseconds: Int64, synchronised: Bool) {
      self.wallMilliseconds = wallMilliseconds
      self.monotonicNanoseconds = monotonicNanoseconds
      self.synchronised = synchronised
    }
  }

  /// Reads the clocks now.
  public static func read() -> Reading {
    Reading(
      wallMilliseconds: UnixMilliseconds.now(), monotonicNanoseconds: monotonicNanoseconds(),
      synchronised: isSynchronised())
  }

  /// CLOCK_MONOTONIC now, in nanoseconds since boot: the clock every record carries, which a step
  /// of the wall clock never moves.
  public static func monotonicNanoseconds() -> Int64 {
    var monotonic = timespec()
    clock_gettime(CLOCK_MONOTONIC, &monotonic)
    return Int64(monotonic.tv_sec) * 1_000_000_000 + Int64(monotonic.tv_nsec)
  }

  /// The hardware clock (RTC) in milliseconds since 1970 UTC, read through sysfs (readable under
  /// the unit's ProtectClock=yes, unlike /dev/rtc), or nil when the pad has none. Read at boot only:
  /// some RTCs sit on a slow bus.
  public static func hardwareClockMilliseconds(sysfs: String = "/sys/class/rtc/rtc0/since_epoch") -> Int64? {
    guard let text = try? String(contentsOfFile: sysfs, encoding: .utf8),
      let seconds = Int64(text.trimmingCharacters(in: .whitespacesAndNewlines))
    else { return nil }
    return seconds * 1000
  }

  /// Whether the kernel's clock is synchronised: adjtimex(2) without changing anything (the state
  /// `timedatectl` shows as "System clock synchronized"), or systemd-timesyncd's flag file.
  ///
  /// A process under a seccomp filter never calls adjtimex: systemd's `ProtectClock=yes` (the
  /// agent's unit) denies it, and a denied call kills the process; there the flag file decides.
  public static func isSynchronised() -> Bool {
    if !underSeccompFilter {
      var buffer = timex()
      let state = adjtimex(&buffer)
      // TIME_ERROR (5) and STA_UNSYNC (0x40) both say the clock is not synchronised.
      if state >= 0 && state != TIME_ERROR && buffer.status & STA_UNSYNC == 0 { return true }
    }
    return FileManager.default.fileExists(atPath: "/run/systemd/timesync/synchronized")
  }

  /// Whether this process runs under a seccomp filter (`Seccomp: 2` in /proc/self/status), read once.
  static let underSeccompFilter: Bool = {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return true }
    return status.split(separator: "\n").contains {
      $0.hasPrefix("Seccomp:") && !$0.hasSuffix("\t0") && !$0.hasSuffix(" 0")
    }
  }()

  /// The local UTC offset in seconds now (+28800 in China).
  public static func utcOffsetSeconds() -> Int32 {
    var seconds = time(nil)
    var local = tm()
    localtime_r(&seconds, &local)
    return Int32(local.tm_gmtoff)
  }
}
