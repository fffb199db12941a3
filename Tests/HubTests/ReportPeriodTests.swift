import Foundation
@testable import Hub
import Ledger
import RatingModel
import RecordChain
import SQLite
import SyncTestSupport
import Testing

/// Reports for a period and the follow-up deadlines of bad ratings, in the halls' time (UTC+8).
@Suite struct ReportPeriodTests {
  /// Milliseconds since the epoch of a moment in the halls' time.
  static func hallTime(_ day: String, _ hour: Int, _ minute: Int, _ second: Int = 0) -> Int64 {
    CivilDate(day)!.startMilliseconds + Int64((hour * 60 + minute) * 60 + second) * 1000
  }

  @Test func daysAreCountedInTheHallsTimeNotUTC() {
    // 16:00 UTC on 30 November is already midnight of 1 December in China.
    let midnight: Int64 = 1_796_054_400_000  // 2026-12-01T00:00:00+08:00
    #expect(CivilDate(wallMilliseconds: midnight) == CivilDate("2026-12-01"))
    #expect(CivilDate(wallMilliseconds: midnight - 1) == CivilDate("2026-11-30"))
    #expect(CivilDate("2026-12-01")!.startMilliseconds == midnight)
    #expect(CivilDate("1969-12-31")!.daysSinceEpoch == -1)
    #expect(CivilDate(daysSinceEpoch: CivilDate("2024-02-29")!.daysSinceEpoch) == CivilDate("2024-02-29"))
    #expect(CivilDate("2026-12-05")!.isWeekend && CivilDate("2026-12-06")!.isWeekend)
    #expect(!CivilDate("2026-12-04")!.isWeekend && !CivilDate("2026-12-07")!.isWeekend)
    #expect(CivilDate("2026-02-29") == nil && CivilDate("2026-13-01") == nil && CivilDate("26-11-01") == nil)
  }

  @Test func monthsQuartersAndSpansNameTheirDays() throws {
    #expect(try ReportPeriod.month("2026-11").description == "2026-11-01 to 2026-11-30")
    #expect(try ReportPeriod.month("2024-02").last == CivilDate("2024-02-29"))
    #expect(try ReportPeriod.quarter("2026Q4").description == "2026-10-01 to 2026-12-31")
    #expect(try ReportPeriod.quarter("2026q1").last == CivilDate("2026-03-31"))
    let span = try ReportPeriod.from(month: nil, quarter: nil, from: "2026-11-10", to: nil)
    #expect(span?.first == CivilDate("2026-11-10") && span?.last == CivilDate("9999-12-31"))
    #expect(try ReportPeriod.from(month: nil, quarter: nil, from: nil, to: nil) == nil)
    let november = try ReportPeriod.month("2026-11")
    #expect(november.contains(wallMilliseconds: Self.hallTime("2026-11-30", 23, 59, 59)))
    #expect(!november.contains(wallMilliseconds: Self.hallTime("2026-12-01", 0, 0)))
    #expect(!november.contains(wallMilliseconds: Self.hallTime("2026-10-31", 23, 59, 59)))
  }

  @Test func aBadPeriodIsNamed() {
    #expect(
      throws: ReportPeriodError.badValue(option: "month", value: "2026-13", expected: "a month like 2026-11")
    ) {
      try ReportPeriod.month("2026-13")
    }
    #expect(
      throws: ReportPeriodError.badValue(
        option: "quarter", value: "2026Q5", expected: "a quarter like 2026Q4")
    ) {
      try ReportPeriod.quarter("2026Q5")
    }
    #expect(throws: ReportPeriodError.severalPeriods) {
      try ReportPeriod.from(month: "2026-11", quarter: nil, from: "2026-11-01", to: nil)
    }
    #expect(throws: ReportPeriodError.endsBeforeItStarts(CivilDate("2026-11-30")!, CivilDate("2026-11-01")!))
    {
      try ReportPeriod.from(month: nil, quarter: nil, from: "2026-11-30", to: "2026-11-01")
    }
    #expect("\(ReportPeriodError.severalPeriods)".contains("--month"))
  }

  @Test func deadlinesSkipWeekendsAndHolidays() throws {
    let calendar = FollowUpCalendar()
    // A bad rating on Friday afternoon: contact by Tuesday, a simple fix by Friday, a complex one
    // by the Friday two weeks on.
    let friday = calendar.followUp(ofRatingAt: Self.hallTime("2026-12-04", 16, 30))
    #expect(friday.contact == CivilDate("2026-12-08"))
    #expect(friday.simpleFix == CivilDate("2026-12-11"))
    #expect(friday.complexFix == CivilDate("2026-12-25"))
    // Made on Saturday, it counts from Monday as well.
    #expect(
      calendar.followUp(ofRatingAt: Self.hallTime("2026-12-05", 10, 0)).contact == CivilDate("2026-12-08"))
    // A holiday on the Monday pushes everything a day on.
    let holidays = try FollowUpCalendar(
      holidayList: "# 2026\n2026-12-07  # a day off\n\n", file: "holidays.txt")
    let withHoliday = holidays.followUp(ofRatingAt: Self.hallTime("2026-12-04", 16, 30))
    #expect(withHoliday.contact == CivilDate("2026-12-09"))
    #expect(withHoliday.simpleFix == CivilDate("2026-12-14"))
    // Overdue once the last day is over, in the halls' time.
    #expect(!friday.contactOverdue(now: Self.hallTime("2026-12-08", 23, 59, 59)))
    #expect(friday.contactOverdue(now: Self.hallTime("2026-12-09", 0, 0)))
    #expect(throws: HolidayListError(file: "holidays.txt", line: 2, text: "2026-12-32")) {
      try FollowUpCalendar(holidayList: "2026-12-07\n2026-12-32\n", file: "holidays.txt")
    }
  }

  @Test(arguments: HubStoreTests.databases)
  func aMonthsReportCountsOnlyItsRatings(database: String) async throws {
    let (store, cleanup) = try await HubStoreTests().open(database)
    defer { cleanup() }
    let pad = try TestPad()
    // (when, level): two ratings just outside November, three inside.
    let ratings: [(Int64, SatisfactionLevel)] = [
      (Self.hallTime("2026-10-31", 23, 59, 59), .veryDissatisfied),
      (Self.hallTime("2026-11-01", 0, 0), .verySatisfied),
      (Self.hallTime("2026-11-27", 15, 0), .dissatisfied),
      (Self.hallTime("2026-11-30", 23, 59, 59), .satisfied),
      (Self.hallTime("2026-12-01", 0, 0), .veryDissatisfied),
    ]
    for (index, (wall, level)) in ratings.enumerated() {
      let time = RecordTime(
        wallMilliseconds: wall, utcOffsetSeconds: 28_800, bootID: "boot-1",
        monotonicNanoseconds: Int64(index + 1))
      _ = try pad.writer.append(
        [
          LedgerEntry(
            kind: .rating, promptID: "p\(index)", source: "counter",
            transaction: try Transaction(number: "BJ-\(index)", serviceItemCode: "ITEM-A", window: "3"),
            level: level, channel: .windowPad)
        ], at: time)
    }
    try await store.prepare()
    try await store.enrol(pad.card, name: "window-\(UUID())")
    let intake = HubIntake(store: store, logger: quietLogger)
    #expect(try await intake.accept(try pad.sync.page(after: 0, limit: 100), from: pad.card.fingerprint) == 5)
    let report = try await HubStoreTests().report(
      of: store, device: pad.card.fingerprint, by: .hall, period: try ReportPeriod.month("2026-11"),
      now: Self.hallTime("2026-12-02", 9, 0))
    // November: 5 + 2 + 4 = 11 points of 15 → 73.33.
    #expect(report.rows.map(\.total) == [3])
    #expect(report.rows.map { ($0.score * 100).rounded() / 100 } == [73.33])
    // The one bad rating of November, made on Friday 27th: contact by Tuesday 1 December, overdue.
    #expect(report.bad.map(\.record.seq) == [3])
    #expect(report.bad.first?.followUp.contact == CivilDate("2026-12-01"))
    #expect(report.text.contains("period: 2026-11-01 to 2026-11-30"))
    #expect(report.text.contains("bad ratings (差评): 1, 1 overdue for contact"))
    #expect(
      report.text.contains(
        "2026-11-27 dissatisfied transaction BJ-2 staff - reasons: (none given); contact by 2026-12-01 OVERDUE"
      ))
  }

  @Test func aHubDatabaseFromBeforeTheReportColumnsIsReportedInFull() async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("hub-\(UUID()).sqlite").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let pad = try TestPad()
    try pad.rate(5)
    // The records as a hub stored them before the report columns: device, seq, kind and body only.
    do {
      let old = try SQLiteConnection(path: path)
      try old.execute(
        """
        CREATE TABLE devices (
          fingerprint TEXT PRIMARY KEY, name TEXT NOT NULL, card TEXT NOT NULL,
          last_seq INTEGER NOT NULL, last_hash TEXT NOT NULL, problem TEXT);
        CREATE TABLE records (
          device TEXT NOT NULL REFERENCES devices (fingerprint), seq INTEGER NOT NULL, uuid TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL, body TEXT NOT NULL, received_ms INTEGER NOT NULL, PRIMARY KEY (device, seq));
        """)
      let records = try await pad.sync.page(after: 0, limit: 100).records
      try old.prepare("INSERT INTO devices VALUES (?, 'window-3', ?, ?, ?, NULL)").run([
        .text(pad.card.fingerprint), .text(try HubJSON.encode(pad.card)), .integer(5), .text(records[4].hash),
      ])
      let insert = try old.prepare("INSERT INTO records VALUES (?, ?, ?, ?, ?, 0)")
      for record in records {
        try insert.run([
          .text(pad.card.fingerprint), .integer(record.seq), .text(record.uuid), .text(record.kind),
          .text(HubJSON.body(record)),
        ])
      }
    }
    let store = try SQLHubStore(sqlitePath: path)
    try await store.prepare()
    let report = try await HubStoreTests().report(of: store, device: pad.card.fingerprint, by: .staff)
    // Levels 5, 4, 3, 2, 1 by staff S0, S1, S2, S0, S1: S0 7/10, S1 5/10, S2 3/5.
    #expect(report.rows.map(\.unit) == ["S0", "S1", "S2"])
    #expect(report.rows.map(\.score) == [70, 50, 60])
    #expect(report.bad.map(\.record.seq) == [4, 5])
    // Preparing again changes nothing.
    try await store.prepare()
    #expect(
      try await HubStoreTests().report(of: store, device: pad.card.fingerprint, by: .staff).rows
        == report.rows)
  }
}
