import AsyncHTTPClient
import Foundation
import RatingModel
import SyncTestSupport
import Synchronization
@testable import Hub
import HubLink
import Ledger
import RecordChain
import SyncProtocol
import Testing

/// The hub's correction of records a pad wrote while its clock was unknown.
@Suite struct ClockCorrectionRule {
  typealias Stamp = ClockCorrection.Stamp
  static let second: Int64 = 1_000_000_000
  static let year2000: Int64 = 946_684_800_000
  static let today: Int64 = 1_796_284_800_000

  func stamp(_ seq: Int64, _ boot: String, seconds: Int64, wall: Int64) -> Stamp {
    Stamp(seq: seq, bootID: boot, monotonicNanoseconds: seconds * Self.second, wallMilliseconds: wall)
  }

  @Test func eachBootIsCorrectedFromItsOwnLaterKnownRecordAndANeverLearnedBootIsNotGuessed() {
    // Boot A: two records at 2000, then the clock learned at 100 s. Boot B: one record, learned
    // at 50 s, 30 days later. Boot C: never learned.
    let unknown = [
      stamp(1, "A", seconds: 10, wall: Self.year2000 + 10_000),
      stamp(2, "A", seconds: 40, wall: Self.year2000 + 40_000),
      stamp(5, "B", seconds: 20, wall: Self.year2000 + 20_000),
      stamp(8, "C", seconds: 30, wall: Self.year2000 + 30_000),
    ]
    let known = [
      stamp(3, "A", seconds: 100, wall: Self.today + 100_000),
      stamp(4, "A", seconds: 200, wall: Self.today + 200_000),
      stamp(6, "B", seconds: 50, wall: Self.today + 30 * 86_400_000),
    ]
    let corrections = ClockCorrection.corrections(unknown: unknown, known: known)
    #expect(corrections[1] == Self.today + 10_000)
    #expect(corrections[2] == Self.today + 40_000)
    #expect(corrections[5] == Self.today + 30 * 86_400_000 - 30_000)
    #expect(corrections[8] == nil)
    #expect(corrections.count == 3)
  }

  @Test func aClockSteppedBackwardsMidBootMovesNeitherTheOrderNorTheEarlierRecords() {
    // The pad's unknown clock was stepped back an hour between its two records: only the
    // monotonic clock counts. Later, after the time was learned at 60 s, the known clock is
    // stepped back by 10 minutes at 120 s: the nearest known record (60 s) dates the unknown ones.
    let unknown = [
      stamp(1, "A", seconds: 10, wall: Self.year2000 + 3_600_000),
      stamp(2, "A", seconds: 20, wall: Self.year2000),
    ]
    let known = [
      stamp(4, "A", seconds: 150, wall: Self.today + 150_000 - 600_000),
      stamp(3, "A", seconds: 60, wall: Self.today + 60_000),
    ]
    let corrections = ClockCorrection.corrections(unknown: unknown, known: known)
    #expect(corrections[1] == Self.today + 10_000)
    #expect(corrections[2] == Self.today + 20_000)
    #expect(corrections[1]! < corrections[2]!)
  }

  @Test func aKnownRecordBeforeTheUnknownOnesDoesNotCorrectThem() {
    // An agent restarted in the same boot without knowing the time: its records come after the
    // known one, which cannot date them (only a later one may).
    let unknown = [stamp(5, "A", seconds: 300, wall: Self.year2000)]
    let known = [stamp(4, "A", seconds: 200, wall: Self.today)]
    #expect(ClockCorrection.corrections(unknown: unknown, known: known).isEmpty)
  }
}

/// The correction through the hub's real stores: records arrive before the record that corrects
/// them, the hub stores both times, reports and exports the corrected one, and marks the rest.
@Suite struct ClockCorrectionInTheStores {
  static let year2000: Int64 = 946_684_800_000
  static let today: Int64 = 1_796_284_800_000

  func time(_ boot: String, seconds: Int64, wall: Int64, known: Bool?) -> RecordTime {
    RecordTime(
      wallMilliseconds: wall, utcOffsetSeconds: 28800, bootID: boot,
      monotonicNanoseconds: seconds * 1_000_000_000,
      clockKnown: known)
  }

  @Test(arguments: HubStoreTests.databases)
  func unknownRecordsAreCorrectedWhenTheKnownOneArrivesAndTheRestAreMarked(database: String) async throws {
    let (store, cleanup) = try await HubStoreTests().open(database)
    defer { cleanup() }
    let pad = try TestPad()
    let boot = "boot-\(UUID())"
    // One old record (encoding version 1), then a boot without a clock: two ratings at 2000.
    try pad.writer.append(
      TestPad.rating(0), at: time("old-boot", seconds: 5, wall: Self.today - 86_400_000, known: nil))
    try pad.writer.append(
      TestPad.rating(1), at: time(boot, seconds: 10, wall: Self.year2000 + 10_000, known: false))
    try pad.writer.append(
      TestPad.rating(2), at: time(boot, seconds: 25, wall: Self.year2000 + 25_000, known: false))
    try await store.prepare()
    try await store.enrol(pad.card, name: "window-\(UUID())")
    let intake = HubIntake(store: store, logger: quietLogger)
    let fingerprint = pad.card.fingerprint
    #expect(try await intake.accept(try await pad.sync.page(after: 0, limit: 10), from: fingerprint) == 3)
    func mine() async throws -> [StoredRecord] {
      try await store.records(kinds: ["rating", "clock_learned"]).filter { $0.device == fingerprint }
    }
    #expect(try await mine().map(\.clock) == [.unmarked, .uncorrected, .uncorrected])
    // The time is learned at 40 s; a rating follows at 45 s; another boot never learns it.
    try pad.writer.append(
      .device(.clockLearned, detail: "hub time"),
      at: time(boot, seconds: 40, wall: Self.today + 40_000, known: true))
    try pad.writer.append(
      TestPad.rating(3), at: time(boot, seconds: 45, wall: Self.today + 45_000, known: true))
    try pad.writer.append(
      TestPad.rating(4), at: time("lost-boot", seconds: 7, wall: Self.year2000 + 7_000, known: false))
    #expect(try await intake.accept(try await pad.sync.page(after: 3, limit: 10), from: fingerprint) == 6)
    await intake.clocksCorrected()
    let stored = try await mine()
    #expect(stored.map(\.clock) == [.unmarked, .corrected, .corrected, .known, .known, .uncorrected])
    #expect(
      stored.map(\.wallMilliseconds) == [
        Self.today - 86_400_000, Self.today + 10_000, Self.today + 25_000, Self.today + 40_000,
        Self.today + 45_000,
        Self.year2000 + 7_000,
      ])
    // The pad's own stamp is kept unchanged (the body), so its chain still verifies.
    #expect(stored[1].record.wallMilliseconds == Self.year2000 + 10_000)
    #expect(try pad.writer.verify(publicKey: pad.key.publicKey) == .intact(count: 6, head: 6))

    let devices = try await store.devices().filter { $0.fingerprint == fingerprint }
    let csv = RatingExport.csv(records: stored, devices: devices, numbering: .provincial)
    let lines = csv.split(separator: "\r\n").map(String.init)
    #expect(lines[0].hasSuffix(",clock,pad_time"))
    #expect(
      lines[2].contains(",2026-12-03T16:00:10.000+08:00,")
        && lines[2].contains(",corrected,2000-01-01T08:00:10.000+08:00"))
    #expect(lines[5].contains(",uncorrected,2000-01-01T08:00:07.000+08:00"))
    // Reports count the corrected time: both ratings of the boot fall on 2026-12-03.
    let day = try ReportPeriod.from(month: nil, quarter: nil, from: "2026-12-03", to: "2026-12-03")
    let tallies = try await store.tallies(by: .hall, in: day).filter { $0.device == fingerprint }
    #expect(tallies.map(\.count).reduce(0, +) == 3)
  }

  @Test(arguments: HubStoreTests.databases)
  func recordsAHubStoppedBeforeReDatingAreReDatedAtItsNextStart(database: String) async throws {
    let (store, cleanup) = try await HubStoreTests().open(database)
    defer { cleanup() }
    let pad = try TestPad()
    let boot = "boot-\(UUID())"
    try pad.writer.append(
      TestPad.rating(1), at: time(boot, seconds: 10, wall: Self.year2000 + 10_000, known: false))
    try pad.writer.append(
      .device(.clockLearned, detail: "hub time"),
      at: time(boot, seconds: 40, wall: Self.today + 40_000, known: true))
    try await store.prepare()
    try await store.enrol(pad.card, name: "window-\(UUID())")
    let fingerprint = pad.card.fingerprint
    // Stored as a page is, by a hub that stopped before it re-dated anything.
    let page = try await pad.sync.page(after: 0, limit: 10)
    let head = try #require(page.records.last)
    #expect(
      try await store.append(
        page.records.map { StoredRecord(device: fingerprint, record: $0) }, device: fingerprint, from: 0,
        head: head.seq, hash: head.hash))
    func rating() async throws -> StoredRecord? {
      try await store.records(kinds: ["rating"]).first { $0.device == fingerprint }
    }
    #expect(try await rating()?.clock == .uncorrected)
    #expect(try await store.bootsWithUncorrectedClocks().contains { $0 == (fingerprint, boot) })

    let intake = HubIntake(store: store, logger: quietLogger)
    try await intake.correctClocksLeftOver()
    await intake.clocksCorrected()
    #expect(try await rating()?.clock == .corrected)
    #expect(try await rating()?.wallMilliseconds == Self.today + 10_000)
    #expect(try await !store.bootsWithUncorrectedClocks().contains { $0.device == fingerprint })
  }
}

/// The pad hears the hub's time only over authenticated exchanges.
@Suite struct HubTimeHeard {
  @Test func theDateHeaderIsReadAndWritten() {
    #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == 784_111_777_000)
    #expect(HTTPDate.format(milliseconds: 784_111_777_123) == "Sun, 06 Nov 1994 08:49:37 GMT")
    #expect(HTTPDate.parse(HTTPDate.format(milliseconds: 1_796_284_805_000)) == 1_796_284_805_000)
    #expect(HTTPDate.parse("yesterday") == nil)
    #expect(HTTPDate.parse("Sun, 06 Nov 1994 25:49:37 GMT") == nil)
  }

  @Test func aPullRequestsDateIsNotLearnedFrom() async throws {
    let pad = try TestPad()
    try await pad.serve()
    defer { Task { await pad.stop() } }
    let heard = HeardTimes()
    pad.status.listenForHubTime(HubTimeListener { heard.add($0) })
    let date = "Thu, 03 Dec 2026 08:00:05 GMT"
    #expect(try await HubTimeHeard.get(pad, token: "wrong-token-0123456789", date: date) == 401)
    #expect(heard.all.isEmpty)
    // Even with the hub's token: a request may have been held in the network for any time.
    #expect(try await HubTimeHeard.get(pad, token: "hub-secret-0123456789", date: date) == 200)
    #expect(heard.all.isEmpty)
  }

  @Test func aPushAnswersTimeCountsHalfTheRoundTrip() throws {
    let twoSecondsAgo = SystemClock.monotonicNanoseconds() - 2_000_000_000
    let precise = try #require(
      HubTime(hubMilliseconds: 1_796_284_805_123, dateHeader: nil, sentAtMonotonic: twoSecondsAgo))
    #expect(precise.roundTrip >= .seconds(2) && precise.roundTrip < .seconds(3))
    #expect((1_796_284_806_123...1_796_284_806_623).contains(precise.wallMilliseconds), "\(precise)")
    // The field wins over the header; without it, the header's second plus half of it.
    let date = "Thu, 03 Dec 2026 08:00:05 GMT"
    let both = try #require(
      HubTime(hubMilliseconds: 1_796_284_805_123, dateHeader: date, sentAtMonotonic: twoSecondsAgo))
    #expect(both.source == "hub_time_ms 1796284805123 of a push answer")
    let header = try #require(HubTime(hubMilliseconds: nil, dateHeader: date, sentAtMonotonic: twoSecondsAgo))
    #expect((1_796_284_806_500...1_796_284_807_000).contains(header.wallMilliseconds), "\(header)")
    #expect(HubTime(hubMilliseconds: nil, dateHeader: "yesterday", sentAtMonotonic: 0) == nil)
    // The hub spent 1.9 s of the 2 s storing the push: only the network's part is halved.
    let stored = try #require(
      HubTime(
        hubMilliseconds: 1_796_284_805_123, hubReceivedMilliseconds: 1_796_284_803_223, dateHeader: nil,
        sentAtMonotonic: twoSecondsAgo))
    #expect(stored.roundTrip >= .milliseconds(100) && stored.roundTrip < .seconds(1), "\(stored)")
    #expect((1_796_284_805_173...1_796_284_805_623).contains(stored.wallMilliseconds), "\(stored)")
    #expect(stored.source == "hub_time_ms 1796284805123 of a push answer (the hub spent 1900 ms storing it)")
    // A hub that claims more than the whole round trip leaves nothing to halve, and no less.
    let claimed = try #require(
      HubTime(
        hubMilliseconds: 1_796_284_805_123, hubReceivedMilliseconds: 1_796_284_705_123, dateHeader: nil,
        sentAtMonotonic: twoSecondsAgo))
    #expect(
      claimed.roundTrip < .milliseconds(1) && claimed.wallMilliseconds == 1_796_284_805_123, "\(claimed)")
    #expect(HubTime(hubMilliseconds: .max, dateHeader: date, sentAtMonotonic: twoSecondsAgo) == nil)
  }

  /// A pad whose clock is unknown, with nothing to push (the hub pulled it all), still asks: from
  /// the hub's `hub_time_ms` when it sends one, else from the `Date` header.
  @Test(arguments: [true, false])
  func aPadThatDoesNotKnowTheTimeAsksTheHubWithAnEmptyPush(stampsHubTime: Bool) async throws {
    let (pad, hub) = (try TestPad(), try TestHub())
    hub.stampsHubTime.withLock { $0 = stampsHubTime }
    try await hub.start(enrolling: pad)
    let heard = HeardTimes()
    pad.status.listenForHubTime(HubTimeListener { heard.add($0) })
    pad.status.wantHubTime(true)
    let push = try HubTimeHeard.pushClient(pad, hub, backoff: .milliseconds(20))
    let running = Task { await push.run() }
    try await eventually(within: .seconds(60), "the hub's time heard") { !heard.all.isEmpty }
    let time = try #require(heard.all.first)
    #expect(time.source.hasPrefix(stampsHubTime ? "hub_time_ms " : "the Date header "), "\(time)")
    // The stamp was made within the round trip, so half of it bounds the error. A Date header is
    // coarser: whole seconds, from a cache that Hummingbird refreshes on a timer, which lagged
    // 3.3 s behind while this suite loaded the machine.
    let sinceHeard = (SystemClock.monotonicNanoseconds() - time.monotonicNanoseconds) / 1_000_000
    let wallWhenHeard = UnixMilliseconds.now() - sinceHeard
    let bound = (stampsHubTime ? 1_000 : 10_000) + time.roundTrip / 2 / .milliseconds(1)
    let off = time.wallMilliseconds - wallWhenHeard
    #expect(Double(abs(off)) < bound, "\(time)")
    print("heard \(time.source): off by \(off) ms, round trip \(time.roundTrip)")
    #expect(try await hub.storedSeqs().isEmpty)
    // Once the clock is known, nothing more is asked.
    pad.status.wantHubTime(false)
    let asked = hub.requests.withLock { $0 }
    push.nudge()
    try await Task.sleep(for: .milliseconds(300))  // nothing to wait for: the absence of a request
    #expect(hub.requests.withLock { $0 } == asked)
    running.cancel()
    await running.value
    await hub.stop()
  }

  /// While the hub cannot be reached the request backs off; the hub's next pull shows the link is
  /// back, and the pad asks at once rather than at the end of its backoff.
  @Test func theHubsPullBringsTheTimeRequestForward() async throws {
    let (pad, hub) = (try TestPad(), try TestHub())
    try await hub.start(enrolling: pad)
    try await pad.serve()
    hub.mode.withLock { $0 = .serverError }
    let heard = HeardTimes()
    pad.status.listenForHubTime(HubTimeListener { heard.add($0) })
    pad.status.wantHubTime(true)
    let push = try HubTimeHeard.pushClient(pad, hub, backoff: .seconds(300))
    let running = Task { await push.run() }
    try await eventually("a refused request") { hub.requests.withLock { $0 } >= 1 }
    hub.mode.withLock { $0 = .normal }
    let pulled = ContinuousClock.now
    #expect(try await HubTimeHeard.get(pad, token: "hub-secret-0123456789", date: nil) == 200)
    // Well inside the 300 s backoff, with room for a loaded machine (11 s was seen in CI).
    try await eventually(within: .seconds(60), "the hub's time after the pull") { !heard.all.isEmpty }
    print("the hub's time was heard \(ContinuousClock.now - pulled) after its pull (backoff 300 s)")
    running.cancel()
    await running.value
    await pad.stop()
    await hub.stop()
  }

  static func pushClient(_ pad: TestPad, _ hub: TestHub, backoff: Duration) throws -> PushClient {
    var settings = PushSettings(url: hub.pushURL, token: pad.hubToken)
    settings.backoff = Backoff(base: backoff, cap: backoff)
    settings.exchangeTimeout = .seconds(5)
    return try PushClient(
      settings: settings, ledger: pad.sync, status: pad.status, metrics: pad.metrics, logger: quietLogger)
  }

  static func get(_ pad: TestPad, token: String, date: String?) async throws -> Int {
    var request = HTTPClientRequest(url: pad.base + "/v1/records?after=0&limit=1")
    request.headers.add(name: "Authorization", value: "Bearer \(token)")
    if let date { request.headers.add(name: "Date", value: date) }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    _ = try await response.body.collect(upTo: 1 << 20)
    return Int(response.status.code)
  }
}

/// Times heard, from any thread.
final class HeardTimes: Sendable {
  private let times = Mutex<[HubTime]>([])
  func add(_ time: HubTime) { times.withLock { $0.append(time) } }
  var all: [HubTime] { times.withLock { $0 } }
}
