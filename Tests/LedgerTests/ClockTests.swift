import Foundation
import RatingModel
import RecordChain
import Testing

@testable import Ledger

/// Whether the pad knows its wall clock (`ClockTrust`), and records that say so (encoding version 2).
/// A stamp as [wall, 1 known / 0 not], for comparing.
func pair(_ stamp: (wallMilliseconds: Int64, known: Bool)) -> [Int64] {
  [stamp.wallMilliseconds, stamp.known ? 1 : 0]
}

@Suite struct ClockTrustRules {
  static let boot = "boot-b"
  static let year2000: Int64 = 946_684_800_000
  static let today: Int64 = 1_796_284_800_000  // 2026-12-03T08:00:00Z

  func reading(wall: Int64, seconds: Int64, synchronised: Bool = false) -> SystemClock.Reading {
    SystemClock.Reading(
      wallMilliseconds: wall, monotonicNanoseconds: seconds * 1_000_000_000, synchronised: synchronised)
  }

  func known(wall: Int64, seconds: Int64, boot: String) -> RecordTime {
    RecordTime(
      wallMilliseconds: wall, utcOffsetSeconds: 28800, bootID: boot,
      monotonicNanoseconds: seconds * 1_000_000_000,
      clockKnown: true)
  }

  @Test func aSynchronisedSystemClockIsKnown() {
    var trust = ClockTrust(
      boot: reading(wall: Self.today, seconds: 5, synchronised: true), hardwareClock: nil, bootID: Self.boot,
      lastKnown: nil)
    #expect(trust.basis == .synchronised)
    #expect(
      pair(trust.stamp(reading(wall: Self.today + 1000, seconds: 6, synchronised: true))) == [
        Self.today + 1000, 1,
      ])
  }

  @Test func aClockEarlierThanTheNewestKnownTimeIsUnknownAndAfterItKnown() {
    let last = known(wall: Self.today, seconds: 900, boot: "an-earlier-boot")
    var behind = ClockTrust(
      boot: reading(wall: Self.year2000, seconds: 3), hardwareClock: nil, bootID: Self.boot, lastKnown: last)
    #expect(behind.basis == .unknown)
    #expect(pair(behind.stamp(reading(wall: Self.year2000 + 500, seconds: 4))) == [Self.year2000 + 500, 0])
    // Set from a working RTC at boot: the system clock agrees with the hardware clock.
    let ahead = ClockTrust(
      boot: reading(wall: Self.today + 60_000, seconds: 3), hardwareClock: Self.today + 57_000,
      bootID: Self.boot,
      lastKnown: last)
    #expect(ahead.basis == .ledger && ahead.isKnown)
    // After the last record but from no RTC, or moved past a dead RTC's 2000 by systemd-timesyncd
    // to the time it saved before the power cut: the power may have been out for days.
    for hardwareClock in [nil, Self.year2000 + 3_000] {
      let moved = ClockTrust(
        boot: reading(wall: Self.today + 60_000, seconds: 3), hardwareClock: hardwareClock, bootID: Self.boot,
        lastKnown: last)
      #expect(moved.basis == .unknown, "RTC \(String(describing: hardwareClock))")
    }
    // A pad that never saw a known time does not trust a clock it cannot check.
    #expect(
      ClockTrust(
        boot: reading(wall: Self.today, seconds: 3), hardwareClock: nil, bootID: Self.boot, lastKnown: nil
      ).basis
        == .unknown)
  }

  @Test func theHardwareClockIsReadFromSysfs() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "since_epoch-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: file) }
    try "1796284800\n".write(to: file, atomically: true, encoding: .utf8)
    #expect(SystemClock.hardwareClockMilliseconds(sysfs: file.path) == Self.today)
    #expect(SystemClock.hardwareClockMilliseconds(sysfs: file.path + "-none") == nil)
  }

  @Test func theHubsTimeIsLearnedOnceAndCarriedOnTheMonotonicClock() {
    var trust = ClockTrust(
      boot: reading(wall: Self.year2000, seconds: 10), hardwareClock: nil, bootID: Self.boot, lastKnown: nil)
    let learned1 = trust.learn(hubWallMilliseconds: Self.today, atMonotonic: 20_000_000_000)
    #expect(learned1)
    #expect(trust.basis == .hub)
    // The system clock stays at 2000 (and is even stepped back): the stamp follows the hub's time.
    #expect(
      pair(trust.stamp(reading(wall: Self.year2000 + 25_000, seconds: 30))) == [Self.today + 10_000, 1])
    #expect(
      pair(trust.stamp(reading(wall: Self.year2000 - 86_400_000, seconds: 31))) == [Self.today + 11_000, 1])
    // A second Date header does not move it (whole seconds only), and is no news.
    let learned2 = trust.learn(hubWallMilliseconds: Self.today + 99_000, atMonotonic: 32_000_000_000)
    #expect(!learned2)
    #expect(pair(trust.stamp(reading(wall: 0, seconds: 32))) == [Self.today + 12_000, 1])
    // NTP arriving takes over.
    #expect(
      pair(trust.stamp(reading(wall: Self.today + 12_300, seconds: 32, synchronised: true))) == [
        Self.today + 12_300, 1,
      ])
    #expect(trust.basis == .synchronised)
  }

  @Test func anAgentRestartedInTheSameBootCarriesTheKnownTimeForward() {
    let last = known(wall: Self.today, seconds: 100, boot: Self.boot)
    var trust = ClockTrust(
      boot: reading(wall: Self.year2000, seconds: 160), hardwareClock: nil, bootID: Self.boot, lastKnown: last
    )
    #expect(trust.basis == .sameBoot)
    #expect(pair(trust.stamp(reading(wall: Self.year2000, seconds: 170))) == [Self.today + 70_000, 1])
  }

  @Test func aKnownClockIgnoresTheHub() {
    var trust = ClockTrust(
      boot: reading(wall: Self.today, seconds: 5, synchronised: true), hardwareClock: nil, bootID: Self.boot,
      lastKnown: nil)
    let learned3 = trust.learn(hubWallMilliseconds: Self.today + 3_600_000, atMonotonic: 6_000_000_000)
    #expect(!learned3)
    #expect(
      pair(trust.stamp(reading(wall: Self.today + 2000, seconds: 7, synchronised: true))) == [
        Self.today + 2000, 1,
      ])
  }
}

@Suite struct ClockFlagInTheChain {
  func stamped(_ known: Bool?, wall: Int64 = 1_795_575_145_000) -> RecordTime {
    RecordTime(
      wallMilliseconds: wall, utcOffsetSeconds: 28800, bootID: "boot-1", monotonicNanoseconds: 42,
      clockKnown: known)
  }

  @Test func theVersionByteSaysWhetherTheFlagIsThere() {
    let entry = ratingEntry("V-1")
    let old = CanonicalEncoding.encode(seq: 1, uuid: "u", time: stamped(nil), entry: entry)
    let known = CanonicalEncoding.encode(seq: 1, uuid: "u", time: stamped(true), entry: entry)
    let unknown = CanonicalEncoding.encode(seq: 1, uuid: "u", time: stamped(false), entry: entry)
    #expect(old.first == 1 && known.first == 2 && unknown.first == 2)
    #expect(Array(known.dropFirst().dropLast()) == Array(old.dropFirst()))
    #expect(known.last == 1 && unknown.last == 0)
  }

  @Test func flippingTheFlagBreaksTheChain() throws {
    let ledger = try TemporaryLedger()
    try ledger.store.append([ratingEntry("F-1"), ratingEntry("F-2")], at: stamped(false))
    #expect(try ledger.store.verify(publicKey: ledger.key.publicKey) == .intact(count: 2, head: 2))
    #expect(try ledger.store.records(after: 0, limit: 5).map(\.time.clockKnown) == [false, false])
    try ledger.sqlite("UPDATE records SET clock_known = 1 WHERE seq = 1;")
    guard case .broken(let seq, _, _) = try ledger.store.verify(publicKey: ledger.key.publicKey) else {
      Issue.record("a record whose clock flag was flipped still verifies")
      return
    }
    #expect(seq == 1)
  }

  @Test func anOldLedgerOfVersionOneRecordsMigratesAndKeepsVerifying() throws {
    let ledger = try TemporaryLedger()
    try ledger.store.append([ratingEntry("O-1"), ratingEntry("O-2")], at: stamped(nil))
    ledger.close()
    // The ledger as the previous release left it: no clock_known column, schema version 2.
    try ledger.sqlite("ALTER TABLE records DROP COLUMN clock_known; PRAGMA user_version = 2;")
    _ = try ledger.reopen()
    try ledger.store.append(ratingEntry("O-3"), at: stamped(true))
    try ledger.store.append(ratingEntry("O-4"), at: stamped(false))
    #expect(try ledger.store.verify(publicKey: ledger.key.publicKey) == .intact(count: 4, head: 4))
    let records = try ledger.store.allRecords()
    #expect(records.map(\.time.clockKnown) == [nil, nil, true, false])
    // The newest time the pad has seen is the last record written with a known clock.
    #expect(try ledger.store.lastKnownTime()?.wallMilliseconds == records[2].time.wallMilliseconds)
    let csv = LedgerExport.csv(records)
    #expect(csv.split(separator: "\r\n")[0].hasSuffix(",clock_known"))
    #expect(csv.split(separator: "\r\n")[1].hasSuffix(","))
    #expect(csv.split(separator: "\r\n")[3].hasSuffix(",known"))
    #expect(csv.split(separator: "\r\n")[4].hasSuffix(",unknown"))
  }
}
