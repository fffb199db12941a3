import RatingModel

/// The reports pages: the period report of `ratingpad-hub report` by any dimension within the
/// user's scope, its CSV, the chart of the score over the period, and the monthly window ranking.
struct ReportPage: Sendable {
  let store: any HubStore
  let renderer: ConsoleRenderer

  /// The report's rows for `user`: everyone's units as the command lists them (a window with no
  /// ratings scores 60), or only the units with ratings in a scoped user's share.
  func rows(_ query: ReportQuery, user: ConsoleUser) async throws -> [SatisfactionReport.Row] {
    let scope = user.scope
    let report = SatisfactionReport(
      tallies: try await store.tallies(by: query.dimension, in: query.period, scope: scope), bad: [],
      reasons: [], devices: try await store.devices(), by: query.dimension, period: query.period)
    return scope == RatingScope() ? report.rows : report.rows.filter { $0.total > 0 }
  }

  /// The page's values.
  func values(_ query: ReportQuery, user: ConsoleUser) async throws -> [String: Any] {
    let rows = try await rows(query, user: user)
    let chart = ScoreChart(
      counts: try await store.dailyCounts(in: query.period, scope: user.scope), daily: query.isOneMonth,
      title: ConsoleText.scoreOverTime)
    let all = SatisfactionReport.Row(
      unit: ConsoleText.total,
      counts: rows.reduce(into: [SatisfactionLevel: Int]()) { sum, row in
        sum.merge(row.counts, uniquingKeysWith: +)
      })
    var values: [String: Any] = ["filters": filters(query, action: "/reports")]
    values["period"] = "\(query.period.first) – \(query.period.last)"
    values["rows"] = rows.map(Self.row)
    values["total"] = Self.row(all)
    values["levels"] = SatisfactionLevel.allCases.map { ["label": "\($0.label.chinese) \($0.label.english)"] }
    values["chart"] = chart.svg
    values["noRatings"] = all.total == 0
    values["csvHref"] = "/reports.csv?" + query.query()
    values["rankingHref"] = "/ranking?" + query.query(["by": nil])
    values["unitLabel"] = ConsoleText.dimension(query.dimension)
    values["scoped"] = ConsoleTemplates.optional(
      user.scope == RatingScope() ? nil : ConsoleText.scopeNote(user))
    return values.merging(ConsoleText.reportLabels) { mine, _ in mine }
  }

  /// The same rows as CSV.
  func csv(_ query: ReportQuery, user: ConsoleUser) async throws -> String {
    let rows = try await rows(query, user: user)
    return ConsoleCSV.document(
      header: [ConsoleText.dimension(query.dimension), ConsoleText.ratings]
        + SatisfactionLevel.allCases.map { "\($0.label.chinese) \($0.label.english)" } + [
          ConsoleText.badRatings, ConsoleText.score,
        ],
      rows: rows.map { row in
        [row.unit, String(row.total)] + SatisfactionLevel.allCases.map { String(row.counts[$0] ?? 0) } + [
          String(row.bad), String(format2: row.score),
        ]
      })
  }

  /// The windows of the period ranked by score, ties by the count of ratings (more first): only
  /// windows rated in it, in the user's scope.
  func ranking(_ query: ReportQuery, user: ConsoleUser) async throws -> [String: Any] {
    var window = query
    window.dimension = .window
    let ranked = try await rows(window, user: user).filter { $0.total > 0 }.sorted {
      ($0.score, $0.total, $1.unit) > ($1.score, $1.total, $0.unit)
    }
    var values: [String: Any] = ["filters": filters(window, action: "/ranking")]
    values["period"] = "\(query.period.first) – \(query.period.last)"
    values["rows"] = ranked.enumerated().map { index, row in
      Self.row(row).merging(["rank": index + 1]) { $1 }
    }
    values["reportHref"] = "/reports?" + window.query()
    return values.merging(ConsoleText.reportLabels) { mine, _ in mine }
  }

  /// The filter form (GET), filled with the query as given; the ranking is always by window.
  private func filters(_ query: ReportQuery, action: String) -> String {
    let values: [String: Any] = [
      "action": action, "showBy": action == "/reports",
      "dimensions": SatisfactionReport.Dimension.allCases.map {
        ["value": $0.rawValue, "label": ConsoleText.dimension($0), "selected": $0 == query.dimension]
          as [String: Any]
      },
      "month": query.given["month"] ?? "", "quarter": query.given["quarter"] ?? "",
      "from": query.given["from"] ?? "", "to": query.given["to"] ?? "",
    ]
    return renderer.fragment("report-filters", values.merging(ConsoleText.reportLabels) { mine, _ in mine })
  }

  private static func row(_ row: SatisfactionReport.Row) -> [String: Any] {
    [
      "unit": row.unit, "total": row.total, "bad": row.bad, "hasBad": row.bad > 0,
      "score": String(format2: row.score),
      "counts": SatisfactionLevel.allCases.map { ["count": row.counts[$0] ?? 0] },
    ]
  }
}
