import Foundation
@testable import Hub
import RatingModel
import SyncTestSupport
import Testing

/// How long the follow-up queue takes over a million ratings: run on a database filled by
/// `ratingpad-hub bench report --database PATH-OR-URL`, named by RATINGPAD_FOLLOWUP_BENCH_DB
/// (skipped without it). The bench's bad ratings before November are given a closed follow-up first (as in
/// a hall that keeps up), so "open only" has to pass over them.
@Suite struct FollowUpQueueTimingTests {
  static let path = ProcessInfo.processInfo.environment["RATINGPAD_FOLLOWUP_BENCH_DB"]

  @Test(.enabled(if: path != nil))
  func theQueueOverAMillionRatings() async throws {
    let path = Self.path!
    let store =
      path.hasPrefix("postgres://")
      ? try SQLHubStore(postgresURL: path, logger: quietLogger) : try SQLHubStore(sqlitePath: path)
    try await store.prepare()
    let november = try ReportPeriod.month("2026-11")
    if try await store.database.scalar("SELECT count(*) FROM followup_actions")?.integer == 0 {
      let before = november.milliseconds.lowerBound
      for (ordinal, kind, state) in [
        (1, "contact", "pending"), (2, "start", "in_progress"), (3, "done", "rectified"),
        (4, "close", "closed"),
      ] {
        try await store.database.execute(
          """
          INSERT INTO followup_actions (rating_uuid, ordinal, at_ms, actor, role, kind, text, days, state_after)
          SELECT uuid, \(ordinal), wall_ms + \(ordinal * 60_000), 'bench', 'admin', '\(kind)', 'bench', NULL, '\(state)'
          FROM records WHERE \(RecordColumns.badRating) AND wall_ms < ?
          """, [.integer(before)])
      }
    }
    let calendar = FollowUpCalendar()
    func time(_ name: String, _ body: () async throws -> Int) async throws {
      var times: [Duration] = []
      var count = 0
      for _ in 0..<5 {
        let start = ContinuousClock.now
        count = try await body()
        times.append(ContinuousClock.now - start)
      }
      times.sort()
      print(
        "followup timing: \(name): \(count) rows; best \(times[0]), median \(times[2]), worst \(times[4])")
    }
    try await time("queue of 2026-11, all") {
      try await store.followUpQueue(filter: FollowUpFilter(period: november), calendar: calendar).count
    }
    try await time("queue of 2026-11, first 50") {
      try await store.followUpQueue(filter: FollowUpFilter(period: november, limit: 50), calendar: calendar)
        .count
    }
    try await time("open only, oldest 50") {
      try await store.followUpQueue(filter: FollowUpFilter(openOnly: true, limit: 50), calendar: calendar)
        .count
    }
    try await time("open only, newest 50") {
      try await store.followUpQueue(
        filter: FollowUpFilter(openOnly: true, limit: 50, newestFirst: true), calendar: calendar
      ).count
    }
    try await time("open only, count") {
      try await store.followUpCount(filter: FollowUpFilter(openOnly: true))
    }
    try await time("open only, all") {
      try await store.followUpQueue(filter: FollowUpFilter(openOnly: true), calendar: calendar).count
    }
    try await time("closed in 2026-10, first 50") {
      try await store.followUpQueue(
        filter: FollowUpFilter(states: [.closed], period: try ReportPeriod.month("2026-10"), limit: 50),
        calendar: calendar
      ).count
    }
    try await time("one staff member's, all time") {
      try await store.followUpQueue(filter: FollowUpFilter(staffNumber: "S7-1"), calendar: calendar).count
    }
    let uuid = try #require(
      try await store.followUpQueue(filter: FollowUpFilter(period: november, limit: 1), calendar: calendar)
        .first
    ).uuid
    try await time("one rating") {
      try await store.followUp(rating: uuid, calendar: calendar) == nil ? 0 : 1
    }
    try await time("export of 2026-11") {
      try await store.followUpExport(filter: FollowUpFilter(period: november), calendar: calendar).count
    }
  }
}
