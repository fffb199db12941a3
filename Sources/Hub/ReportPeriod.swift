import RatingModel

/// The days a report covers, first and last included, in the hub's time: a month, a quarter,
/// or any span from one date to another.
public struct ReportPeriod: Sendable, Equatable, CustomStringConvertible {
  public let first: CivilDate
  public let last: CivilDate

  /// A period from `first` through `last`; nil when it would end before it starts.
  public init?(first: CivilDate, last: CivilDate) {
    guard first <= last else { return nil }
    self.first = first
    self.last = last
  }

  /// A month written `2026-11`.
  public static func month(_ text: String) throws(ReportPeriodError) -> ReportPeriod {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let year = Int(parts[0]),
      let month = Int(parts[1]), let first = CivilDate(year: year, month: month, day: 1)
    else { throw .badValue(option: "month", value: text, expected: "a month like 2026-11") }
    let last = CivilDate(year: year, month: month, day: CivilDate.days(inMonth: month, of: year))!
    return ReportPeriod(first: first, last: last)!
  }

  /// A quarter written `2026Q4` (Q1 is January to March).
  public static func quarter(_ text: String) throws(ReportPeriodError) -> ReportPeriod {
    let parts = text.uppercased().split(separator: "Q", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0].count == 4, parts[1].count == 1, let year = Int(parts[0]),
      let quarter = Int(parts[1]), (1...4).contains(quarter)
    else { throw .badValue(option: "quarter", value: text, expected: "a quarter like 2026Q4") }
    let lastMonth = quarter * 3
    return ReportPeriod(
      first: CivilDate(year: year, month: lastMonth - 2, day: 1)!,
      last: CivilDate(year: year, month: lastMonth, day: CivilDate.days(inMonth: lastMonth, of: year))!)!
  }

  /// The period the report command's options name: at most one of a month, a quarter, or a
  /// span (`from`, `to`, either open); nil when none is given (everything stored).
  public static func from(
    month: String?, quarter: String?, from: String?, to: String?
  ) throws(ReportPeriodError) -> ReportPeriod? {
    let named = [month != nil, quarter != nil, from != nil || to != nil].filter { $0 }.count
    guard named <= 1 else { throw .severalPeriods }
    if let month { return try self.month(month) }
    if let quarter { return try self.quarter(quarter) }
    guard from != nil || to != nil else { return nil }
    func date(_ text: String?, _ option: String, or fallback: CivilDate) throws(ReportPeriodError)
      -> CivilDate
    {
      guard let text else { return fallback }
      guard let date = CivilDate(text) else {
        throw .badValue(option: option, value: text, expected: "a date like 2026-11-30")
      }
      return date
    }
    let first = try date(from, "from", or: CivilDate(year: 1970, month: 1, day: 1)!)
    let last = try date(to, "to", or: CivilDate(year: 9999, month: 12, day: 31)!)
    guard let period = ReportPeriod(first: first, last: last) else { throw .endsBeforeItStarts(first, last) }
    return period
  }

  /// The first millisecond of the period and the first one after it, since the epoch.
  public var milliseconds: Range<Int64> { first.startMilliseconds..<last.adding(days: 1).startMilliseconds }

  /// Whether a record stamped `wallMilliseconds` falls in the period.
  public func contains(wallMilliseconds: Int64) -> Bool { milliseconds.contains(wallMilliseconds) }

  public var description: String { "\(first) to \(last)" }
}

/// A report period the command line got wrong, named.
public enum ReportPeriodError: Error, Equatable, CustomStringConvertible {
  case badValue(option: String, value: String, expected: String)
  case severalPeriods
  case endsBeforeItStarts(CivilDate, CivilDate)

  public var description: String {
    switch self {
    case .badValue(let option, let value, let expected): "--\(option): '\(value)' is not \(expected)"
    case .severalPeriods: "name one period: --month, --quarter, or --from/--to"
    case .endsBeforeItStarts(let first, let last): "--to \(last) is before --from \(first)"
    }
  }
}
