import Foundation
import RatingModel

/// What a reports page asks for, read from its query: the dimension (`by=`) and the period
/// (`month=2026-11`, `quarter=2026Q4`, or `from=`/`to=`; this month when none is named). A value
/// that does not read is refused with a message naming it.
struct ReportQuery: Sendable, Equatable {
  var dimension: SatisfactionReport.Dimension
  var period: ReportPeriod
  /// The fields as given, to fill the filter form again.
  var given: [String: String]

  /// The longest value shown back in a message: the rest of a long one says nothing more.
  static let shownLength = 40

  /// Reads `query` (the URL's query, undecoded); `now` decides the month when none is named.
  init(query: String?, now: Int64, dimension fallback: SatisfactionReport.Dimension = .window)
    throws(ReportQueryError)
  {
    guard let fields = FormFields(encoded: query ?? "") else { throw .unreadable }
    var given: [String: String] = [:]
    for name in ["by", "month", "quarter", "from", "to"] {
      if let value = fields[name], !value.isEmpty { given[name] = value }
    }
    if let by = given["by"] {
      guard let dimension = SatisfactionReport.Dimension(rawValue: by) else { throw .badDimension(by) }
      self.dimension = dimension
    } else {
      dimension = fallback
    }
    do {
      period =
        try ReportPeriod.from(
          month: given["month"], quarter: given["quarter"], from: given["from"], to: given["to"])
        ?? ReportQuery.month(of: now)
    } catch { throw .period(error) }
    self.given = given
  }

  /// The month `now` falls in, in the halls' time.
  static func month(of now: Int64) -> ReportPeriod {
    let today = CivilDate(wallMilliseconds: now)
    return ReportPeriod(
      first: CivilDate(year: today.year, month: today.month, day: 1)!,
      last: CivilDate(
        year: today.year, month: today.month, day: CivilDate.days(inMonth: today.month, of: today.year))!)!
  }

  /// Whether the period is one calendar month (the chart then has a point a day).
  var isOneMonth: Bool {
    period.first.day == 1 && period.first.year == period.last.year && period.first.month == period.last.month
      && period.last.day == CivilDate.days(inMonth: period.last.month, of: period.last.year)
  }

  /// The query that asks for this again, with `changes` (nil removes a field).
  func query(_ changes: [String: String?] = [:]) -> String {
    var fields = given
    fields["by"] = dimension.rawValue
    for (name, value) in changes { fields[name] = value }
    return fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.encode($0.value))" }.joined(
      separator: "&")
  }

  private static func encode(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-_.~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }
}

/// A reports query the page cannot answer, named.
enum ReportQueryError: Error, Equatable, CustomStringConvertible {
  case unreadable
  case badDimension(String)
  case period(ReportPeriodError)

  /// Says which value is wrong and what it should look like, without the command line's dashes.
  var description: String {
    switch self {
    case .unreadable: "the query cannot be read"
    case .badDimension(let value):
      "by '\(Self.shown(value))' is not one of "
        + SatisfactionReport.Dimension.allCases.map(\.rawValue).joined(separator: ", ")
    case .period(.badValue(let option, let value, let expected)):
      "\(option) '\(Self.shown(value))' is not \(expected)"
    case .period(.severalPeriods): "name one period: month, quarter, or from and to"
    case .period(.endsBeforeItStarts(let first, let last)): "to \(last) is before from \(first)"
    }
  }

  private static func shown(_ value: String) -> String {
    value.count <= ReportQuery.shownLength ? value : String(value.prefix(ReportQuery.shownLength)) + "…"
  }
}
