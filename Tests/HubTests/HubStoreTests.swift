import Foundation
@testable import Hub
import HubLink
import Ledger
import RatingModel
import RecordChain
import SyncProtocol
import SyncTestSupport
import Testing

/// The hub's stores, SQLite and a real PostgreSQL server, through the same intake and reports.
///
/// `Tests/run` starts a private PostgreSQL server and sets RATINGPAD_TEST_POSTGRES; without it
/// only the SQLite store is exercised here.
@Suite struct HubStoreTests {
  static var databases: [String] {
    ["sqlite"] + (ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"].map { [$0] } ?? [])
  }

  func open(_ database: String) async throws -> (store: any HubStore, cleanup: @Sendable () -> Void) {
    if database == "sqlite" {
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("hub-\(UUID()).sqlite").path
      return (try SQLHubStore(sqlitePath: path), { try? FileManager.default.removeItem(atPath: path) })
    }
    let store = try SQLHubStore(postgresURL: database, logger: quietLogger)
    try await store.prepare()
    return (store, {})
  }

  /// Ten ratings at two windows, one bad one with reasons, one suspect press.
  func hallDay(_ pad: TestPad) throws {
    let levels: [SatisfactionLevel] = [
      .verySatisfied, .verySatisfied, .satisfied, .verySatisfied, .dissatisfied,
      .verySatisfied, .satisfied, .basicallySatisfied, .verySatisfied, .veryDissatisfied,
    ]
    for (index, level) in levels.enumerated() {
      let transaction = try Transaction(
        number: "BJ-\(index)", serviceItemCode: index % 2 == 0 ? "ITEM-A" : "ITEM-B",
        staffNumber: index < 5 ? "S1" : "S2", window: index < 5 ? "3" : "4")
      var entries = [
        LedgerEntry(
          kind: .rating, promptID: "p\(index)", source: "counter", transaction: transaction, level: level,
          channel: .windowPad)
      ]
      if level == .veryDissatisfied {
        entries.append(
          LedgerEntry(
            kind: .reasons, promptID: "p\(index)", source: "counter", transaction: transaction, level: level,
            reasons: ["113", "115"], checklistVersion: "national-2", channel: .windowPad))
      }
      _ = try pad.writer.append(entries, at: .now())
    }
    _ = try pad.writer.append(
      LedgerEntry(
        kind: .suspectPress, level: .veryDissatisfied, suspectReason: .noPrompt, channel: .windowPad),
      at: .now())
  }

  /// The report of one device's ratings, through the store's aggregates (other tests share the
  /// PostgreSQL database, so the rest is left out).
  func report(
    of store: any HubStore, device: String, by dimension: SatisfactionReport.Dimension,
    period: ReportPeriod? = nil, now: Int64? = nil
  ) async throws -> SatisfactionReport {
    let bad = try await store.badRatings(in: period)
    return SatisfactionReport(
      tallies: try await store.tallies(by: dimension, in: period).filter { $0.device == device },
      bad: bad.ratings.filter { $0.device == device }, reasons: bad.reasons.filter { $0.device == device },
      devices: try await store.devices().filter { $0.fingerprint == device }, by: dimension, period: period,
      now: now)
  }

  @Test func aPageThatOvertakesTheOneBeforeItWaitsForItInsteadOfBeingRefused() async throws {
    let (store, cleanup) = try await open("sqlite")
    defer { cleanup() }
    let pad = try TestPad()
    try pad.rate(20)
    try await store.prepare()
    try await store.enrol(pad.card, name: "window-1")
    // The later page waits a minute here: it must still be waiting when the test looks.
    let intake = HubIntake(store: store, logger: quietLogger, overtakenPageWait: .seconds(60))
    let fingerprint = pad.card.fingerprint
    let (earlier, later) = (
      try await pad.sync.page(after: 0, limit: 10), try await pad.sync.page(after: 10, limit: 10)
    )
    // A pad's second connection delivers the later page first.
    async let laterAnswer = intake.accept(later, from: fingerprint)
    try await eventually("the later page waiting") { await intake.pagesWaiting(for: fingerprint) == 1 }
    #expect(try await intake.accept(earlier, from: fingerprint) == 10)
    #expect(try await laterAnswer == 20)
    #expect(try await store.count() == 20)
  }

  @Test(arguments: databases)
  func recordsAreStoredOnceAndReportedAsHallsScoreThem(database: String) async throws {
    let (store, cleanup) = try await open(database)
    defer { cleanup() }
    let pad = try TestPad()
    try hallDay(pad)
    let card = pad.card
    try await store.prepare()
    try await store.enrol(card, name: "window-\(UUID())")
    let intake = HubIntake(store: store, logger: quietLogger)
    let first = try await pad.sync.page(after: 0, limit: 5)
    let all = try await pad.sync.page(after: 0, limit: 100)
    // The same page twice at once, then overlapping: each record once.
    async let a = intake.accept(first, from: card.fingerprint)
    async let b = intake.accept(first, from: card.fingerprint)
    #expect(try await [a, b] == [5, 5])
    #expect(try await intake.accept(all, from: card.fingerprint) == 12)
    #expect(try await intake.accept(all, from: card.fingerprint) == 12)
    // A page that skips records is refused, and nothing of it is stored.
    try pad.rate(3, startingAt: 100)
    let skipping = try await pad.sync.page(after: 13, limit: 10)
    await #expect(throws: IntakeRefusal.gap(expected: 13, got: 14)) {
      try await intake.accept(skipping, from: card.fingerprint)
    }
    let mine = try await store.records(kinds: LedgerKind.allCases.map(\.rawValue))
      .filter { $0.device == card.fingerprint }
    #expect(mine.map(\.record.seq) == Array(1...12))
    #expect(mine.map(\.record) == all.records)

    let devices = try await store.devices().filter { $0.fingerprint == card.fingerprint }
    let ratings = mine.filter { ["rating", "reasons"].contains($0.record.kind) }
    let byWindow = try await report(of: store, device: card.fingerprint, by: .window)
    // Window 3: 5,5,4,5,2 → 21/25 → 84; window 4: 5,4,3,5,1 → 18/25 → 72.
    #expect(byWindow.rows.map(\.unit) == ["灵武市政务服务大厅 / 3", "灵武市政务服务大厅 / 4"])
    #expect(byWindow.rows.map(\.score) == [84, 72])
    #expect(byWindow.bad.map(\.record.seq) == [5, 10])
    #expect(byWindow.bad.map(\.reasons) == [[], ["113", "115"]])
    let byHall = try await report(of: store, device: card.fingerprint, by: .hall)
    #expect(byHall.rows.map(\.score) == [78] && byHall.rows.first?.total == 10)
    let byItem = try await report(of: store, device: card.fingerprint, by: .serviceItem)
    #expect(byItem.rows.map(\.unit) == ["ITEM-A", "ITEM-B"])
    #expect(byHall.text.contains("bad ratings (差评): 2"))

    let provincial = RatingExport.csv(records: ratings, devices: devices, numbering: .provincial)
    let national = RatingExport.csv(records: ratings, devices: devices, numbering: .gbt39046)
    let lines = provincial.split(separator: "\r\n")
    #expect(lines.count == 11)
    #expect(lines[1].contains(",5,very_satisfied,,4"))
    #expect(national.split(separator: "\r\n")[1].contains(",1,very_satisfied,,4"))
    #expect(lines[10].contains(",1,very_dissatisfied,\"113,115\",4"))
  }

  /// A pad records that the reasons screen closed with none given (skipped, nothing ticked, timed
  /// out, superseded) as a reasons record with no codes: the hub stores it as it came, and the report
  /// and the export read it as no reasons given.
  @Test(arguments: databases)
  func anEmptyReasonsRecordIsStoredAndReadAsNoReasonsGiven(database: String) async throws {
    let (store, cleanup) = try await open(database)
    defer { cleanup() }
    let pad = try TestPad()
    for (index, level, reasons, detail) in [
      (0, SatisfactionLevel.dissatisfied, [String](), "skipped"), (1, .veryDissatisfied, [], "timed_out"),
      (2, .dissatisfied, ["213"], nil),
    ] {
      let transaction = try Transaction(number: "NR-\(index)", serviceItemCode: "ITEM-A", window: "3")
      _ = try pad.writer.append(
        [
          LedgerEntry(
            kind: .rating, promptID: "p\(index)", source: "counter", transaction: transaction, level: level,
            channel: .windowPad),
          LedgerEntry(
            kind: .reasons, promptID: "p\(index)", source: "counter", transaction: transaction, level: level,
            reasons: reasons, checklistVersion: "national-2", channel: .windowPad, detail: detail),
        ], at: .now())
    }
    let card = pad.card
    try await store.prepare()
    try await store.enrol(card, name: "window-\(UUID())")
    let page = try await pad.sync.page(after: 0, limit: 100)
    // On the wire: an empty list, the checklist version, and how the screen closed.
    let wire = String(decoding: page.records[1].jsonBytes(), as: UTF8.self)
    #expect(wire.contains(#""kind":"reasons""#) && wire.contains(#""reasons":[]"#), "\(wire)")
    #expect(wire.contains(#""checklist_version":"national-2""#) && wire.contains(#""detail":"skipped""#))
    #expect(try await HubIntake(store: store, logger: quietLogger).accept(page, from: card.fingerprint) == 6)
    let mine = try await store.records(kinds: ["rating", "reasons"]).filter { $0.device == card.fingerprint }
    #expect(mine.map(\.record) == page.records, "stored exactly as the pad sent them")
    #expect(mine.filter { $0.record.kind == "reasons" }.map(\.record.reasons) == [[], [], ["213"]])

    let report = try await report(of: store, device: card.fingerprint, by: .window)
    #expect(report.bad.map(\.reasons) == [[], [], ["213"]])
    let lines = report.text.split(separator: "\n").filter { $0.contains("transaction NR-") }
    #expect(lines.count == 3)
    #expect(lines[0].contains("reasons: (none given)") && lines[1].contains("reasons: (none given)"))
    #expect(lines[2].contains("reasons: 213;"))
    let devices = try await store.devices().filter { $0.fingerprint == card.fingerprint }
    let csv = RatingExport.csv(records: mine, devices: devices, numbering: .provincial).split(
      separator: "\r\n")
    #expect(csv.count == 4)
    #expect(csv[1].contains(",2,dissatisfied,,4") && csv[2].contains(",1,very_dissatisfied,,4"))
    #expect(csv[3].contains(",2,dissatisfied,213,4"))
  }

  @Test(arguments: databases)
  func aPushFindsItsPadByNameAndAFlaggedDeviceIsRefusedAtOnce(database: String) async throws {
    let (store, cleanup) = try await open(database)
    defer { cleanup() }
    let pad = try TestPad()
    try pad.rate(4)
    let (name, fingerprint) = ("window-\(UUID())", pad.card.fingerprint)
    try await store.prepare()
    let intake = HubIntake(store: store, logger: quietLogger)
    #expect(try await intake.fingerprint(ofPad: name) == nil)
    try await store.enrol(pad.card, name: name)
    #expect(try await intake.fingerprint(ofPad: name) == fingerprint)
    #expect(try await intake.accept(try await pad.sync.page(after: 0, limit: 2), from: fingerprint) == 2)
    // A pull that finds the chain forked flags the device: the device's next page is refused
    // though it follows on, and nothing of it is stored.
    try await intake.flag(device: fingerprint, problem: "the chain forked")
    let next = try await pad.sync.page(after: 2, limit: 2)
    await #expect(throws: IntakeRefusal.chainBroken("device \(fingerprint) is flagged: the chain forked")) {
      try await intake.accept(next, from: fingerprint)
    }
    #expect(try await store.device(fingerprint)?.problem == "the chain forked")
    let stored = try await store.records(kinds: LedgerKind.allCases.map(\.rawValue))
      .filter { $0.device == fingerprint }
    #expect(stored.map(\.record.seq) == [1, 2])

    // An operator clears the flag (as `ratingpad-hub flag clear` does, in another process): the
    // running intake takes the device's next page without a restart, and the audit log keeps who
    // cleared it and why.
    try await store.noteImpostor(device: fingerprint, note: "key ab12 answered at http://10.1.2.9:8440")
    let entry = AuditEntry(
      actor: "张工", action: "clear_flag", subject: "\(name) \(fingerprint)", detail: "pad reinstalled")
    #expect(try await store.clearFlag(device: fingerprint, audit: entry))
    #expect(try await !store.clearFlag(device: fingerprint, audit: entry), "nothing left to clear")
    let cleared = try #require(try await store.device(fingerprint))
    #expect(cleared.problem == nil && cleared.impostor == nil)
    // (A PostgreSQL test database outlives the run: other runs' lines are there too.)
    #expect(try await store.auditLog().filter { $0.subject == entry.subject } == [entry])
    #expect(try await intake.accept(next, from: fingerprint) == 4)
  }

  @Test func aWindowWithNoRatingsScoresAsBasicallySatisfied() throws {
    let pad = try TestPad()
    let device = EnrolledDevice(
      fingerprint: pad.card.fingerprint, name: "window-3", card: pad.card, lastSeq: 0, lastHash: "",
      problem: nil)
    let report = SatisfactionReport(tallies: [], bad: [], reasons: [], devices: [device], by: .window)
    #expect(report.rows.map(\.unit) == ["灵武市政务服务大厅 / 3"])
    #expect(report.rows.map(\.score) == [60] && report.rows.first?.total == 0)
  }
}
