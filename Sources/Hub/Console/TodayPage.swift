import Foundation
import RatingModel
import RecordChain

/// The today page: per window and per staff member today's count and score, and the ratings as
/// they arrive (the live list and its alert).
struct TodayPage: Sendable {
  let store: any HubStore
  let renderer: ConsoleRenderer

  /// Lines read for the tables: a busy hall's day is a few thousand.
  static let dayLimit = 200_000
  /// Ratings listed under the tables.
  static let listed = 30

  /// The page's values for `user`.
  func values(for user: ConsoleUser, now: Int64) async throws -> (
    tables: [String: Any], lines: [[String: Any]]
  ) {
    let lines = try await store.ratingLines(
      madeIn: ConsoleTime.today(now: now), scope: user.scope, limit: Self.dayLimit)
    let places = PlaceNames(try await store.devices())
    return (
      Self.tables(lines, places: places), lines.prefix(Self.listed).map { Self.item($0, places: places) }
    )
  }

  /// The page.
  func render(context: ConsoleContext, user: ConsoleUser) async throws -> String {
    let (tables, lines) = try await values(for: user, now: UnixMilliseconds.now())
    return renderer.fragment(
      "today",
      [
        "tables": renderer.fragment("today-tables", tables), "lines": lines, "liveLabel": ConsoleText.live,
        "emptyLabel": ConsoleText.noRatingsYet,
      ])
  }

  /// Just the tables, for the page's script to fetch after a rating arrives.
  func tables(for user: ConsoleUser) async throws -> String {
    renderer.fragment("today-tables", try await values(for: user, now: UnixMilliseconds.now()).tables)
  }

  /// One rating as the list shows it (and the live feed sends it).
  static func item(_ line: RatingLine, places: PlaceNames) -> [String: Any] {
    let level = SatisfactionLevel(rawValue: line.level)
    return [
      "uuid": line.uuid, "time": ConsoleTime.clock(line.wallMilliseconds), "place": places.place(line),
      "staff": line.staffNumber.nonEmpty.map { "工号 \($0)" } ?? "",
      "label": level.map { "\($0.label.chinese) \($0.label.english)" } ?? line.level,
      "bad": level?.isBad ?? false,
    ]
  }

  /// The tables: rows by window and by staff number, scored as the reports score.
  static func tables(_ lines: [RatingLine], places: PlaceNames) -> [String: Any] {
    var windows: [String: [SatisfactionLevel: Int]] = [:]
    var staff: [String: [SatisfactionLevel: Int]] = [:]
    var all: [SatisfactionLevel: Int] = [:]
    for line in lines {
      guard let level = SatisfactionLevel(rawValue: line.level) else { continue }
      windows[places.place(line), default: [:]][level, default: 0] += 1
      staff[line.staffNumber.nonEmpty ?? "-", default: [:]][level, default: 0] += 1
      all[level, default: 0] += 1
    }
    func rows(_ counts: [String: [SatisfactionLevel: Int]]) -> [[String: Any]] {
      counts.map { SatisfactionReport.Row(unit: $0.key, counts: $0.value) }.sorted { $0.unit < $1.unit }.map {
        [
          "unit": $0.unit, "total": $0.total, "bad": $0.bad, "hasBad": $0.bad > 0,
          "score": String(format2: $0.score),
        ]
      }
    }
    let total = SatisfactionReport.Row(unit: "", counts: all)
    return [
      "windows": rows(windows), "staff": rows(staff), "total": total.total, "bad": total.bad,
      "score": total.total == 0 ? "-" : String(format2: total.score),
      "ratingsLabel": ConsoleText.ratings, "badLabel": ConsoleText.badRatings,
      "scoreLabel": ConsoleText.score,
      "windowsLabel": ConsoleText.windows, "staffLabel": ConsoleText.staff, "windowLabel": ConsoleText.window,
      "staffNumberLabel": ConsoleText.staffNumber,
    ]
  }
}
