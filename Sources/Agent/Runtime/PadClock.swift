import HubLink
import Ledger
import RecordChain
import Synchronization

/// The pad's wall time for its records: the system's clocks read through the `ClockTrust` decided
/// at boot, then learned from the hub (`learn`). Records the pad writes carry the time it
/// believes and whether it knows it; the system clock itself is never set (see README, "Time on a
/// pad without a clock").
final class PadClock: Sendable {
  private let trust: Mutex<ClockTrust>

  /// Decides at boot from the system's clocks, the RTC and the ledger's last record with a known time.
  init(lastKnown: RecordTime?) {
    trust = Mutex(
      ClockTrust(
        boot: SystemClock.read(), hardwareClock: SystemClock.hardwareClockMilliseconds(),
        bootID: RecordTime.currentBootID, lastKnown: lastKnown))
  }

  /// The time to stamp a record with now.
  func stamp() -> RecordTime {
    let reading = SystemClock.read()
    let (wall, known) = trust.withLock { $0.stamp(reading) }
    return RecordTime(
      wallMilliseconds: wall, utcOffsetSeconds: SystemClock.utcOffsetSeconds(),
      bootID: RecordTime.currentBootID,
      monotonicNanoseconds: reading.monotonicNanoseconds, clockKnown: known)
  }

  /// The hub's time was heard; returns the `clock_learned` entry to record when the pad did not
  /// know the time before, nil otherwise.
  func learn(_ hub: HubTime) -> LedgerEntry? {
    let padWall = SystemClock.read().wallMilliseconds
    guard
      trust.withLock({
        $0.learn(hubWallMilliseconds: hub.wallMilliseconds, atMonotonic: hub.monotonicNanoseconds)
      })
    else { return nil }
    let offset = SystemClock.utcOffsetSeconds()
    return .device(
      .clockLearned,
      detail:
        "hub time \(ISOTime.format(milliseconds: hub.wallMilliseconds, offsetSeconds: offset))"
        + " from \(hub.source), network round trip \(hub.roundTrip), heard at monotonic \(hub.monotonicNanoseconds) ns"
        + " of boot \(RecordTime.currentBootID); the system clock said"
        + " \(ISOTime.format(milliseconds: padWall, offsetSeconds: offset)) (off by \((hub.wallMilliseconds - padWall) / 1000) s)"
    )
  }

  /// Whether the pad knows the time (the hub need not tell it).
  var isKnown: Bool { trust.withLock { $0.isKnown } }

  /// `known (synchronised)`, `known (hub)`, … or `unknown`, for health and status.
  var summary: String {
    let basis = trust.withLock { $0.basis }
    switch basis {
    case .unknown: return "unknown"
    case .sameBoot: return "known (same boot)"
    default: return "known (\(basis.rawValue))"
    }
  }
}
