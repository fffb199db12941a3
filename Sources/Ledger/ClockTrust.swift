import RecordChain

/// Whether the pad's wall clock can be trusted, and the wall time the pad believes: decided at
/// boot, then learned from the hub. Pure: every reading is passed in, so tests drive it exactly.
///
/// At boot the clock is known when the system says it is synchronised, or when the ledger's last
/// record with a known time is of this very boot (its time carried forward on the monotonic
/// clock, e.g. after the agent restarted), or when the clock is no earlier than that record and
/// agrees with a hardware clock (a pad whose RTC works). Without the RTC's word a clock after the
/// last record proves nothing: systemd and systemd-timesyncd move a clock forward at boot to
/// their build date or to the time they saved before the power went, which is after the last
/// record and off by however long the power was out. Otherwise it is unknown until the hub's time
/// arrives; from then on the pad's time is the hub's, carried forward on the monotonic clock, so
/// a later step of the system clock cannot move it. When the system becomes synchronised (NTP),
/// its clock wins again.
public struct ClockTrust: Sendable, Equatable {
  /// Why the pad believes its time, or that it does not.
  public enum Basis: String, Sendable, Equatable {
    /// The system says its clock is synchronised.
    case synchronised
    /// The clock is no earlier than the newest known time in the ledger and agrees with the RTC.
    case ledger
    /// A known time of this boot, carried forward on the monotonic clock.
    case sameBoot = "same_boot"
    /// The hub's time, carried forward on the monotonic clock.
    case hub
    /// Nothing vouches for the clock.
    case unknown
  }

  /// Why the pad believes its time now.
  public private(set) var basis: Basis
  /// A wall time known at a monotonic instant; the pad's time is carried forward from it.
  private var reference: Reference?

  private struct Reference: Sendable, Equatable {
    let wall: Int64
    let monotonic: Int64
  }

  /// How far the system clock may be from the hardware clock and still be the time read from it at
  /// boot (the RTC has whole seconds, and both have run since).
  public static let hardwareClockAgreement: Int64 = 10_000

  /// Decides at boot from one reading of the system's clocks, the hardware clock (nil when the pad
  /// has none) and the last known time in the ledger.
  public init(
    boot reading: SystemClock.Reading, hardwareClock: Int64?, bootID: String, lastKnown: RecordTime?
  ) {
    let fromTheHardwareClock = hardwareClock.map {
      abs(reading.wallMilliseconds - $0) <= Self.hardwareClockAgreement
    }
    if reading.synchronised {
      basis = .synchronised
    } else if let last = lastKnown, last.bootID == bootID,
      last.monotonicNanoseconds <= reading.monotonicNanoseconds
    {
      basis = .sameBoot
      reference = Reference(wall: last.wallMilliseconds, monotonic: last.monotonicNanoseconds)
    } else if let last = lastKnown, reading.wallMilliseconds >= last.wallMilliseconds,
      fromTheHardwareClock == true
    {
      basis = .ledger
    } else {
      basis = .unknown
    }
  }

  /// Whether the pad knows the wall time now.
  public var isKnown: Bool { basis != .unknown }

  /// The wall time to stamp a record with, and whether it is known. A system that has become
  /// synchronised since (NTP arrived) takes over from any reference.
  public mutating func stamp(_ reading: SystemClock.Reading) -> (wallMilliseconds: Int64, known: Bool) {
    if reading.synchronised && basis != .synchronised {
      basis = .synchronised
      reference = nil
    }
    if let reference {
      return (reference.wall + (reading.monotonicNanoseconds - reference.monotonic) / 1_000_000, true)
    }
    return (reading.wallMilliseconds, isKnown)
  }

  /// The hub's time arrived (over an authenticated exchange) at monotonic `monotonic` of `bootID`.
  /// Returns true when the pad did not know the time before: a `clock_learned` record is due.
  /// A clock already known is left alone (a `Date` header has whole seconds only).
  public mutating func learn(hubWallMilliseconds: Int64, atMonotonic monotonic: Int64) -> Bool {
    guard basis == .unknown else { return false }
    basis = .hub
    reference = Reference(wall: hubWallMilliseconds, monotonic: monotonic)
    return true
  }
}
