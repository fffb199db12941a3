import Foundation
import RatingModel

/// Working days for following up bad ratings: weekends and the configured public holidays do
/// not count. A deadline of N working days falls at the end of the Nth working day after the
/// day of the rating (the day itself is not counted).
public struct FollowUpCalendar: Sendable {
  /// Public holidays (法定节假日) that fall on weekdays; the State Council publishes them each year.
  public let holidays: Set<CivilDate>

  /// A calendar with `holidays` off besides weekends.
  public init(holidays: Set<CivilDate> = []) { self.holidays = holidays }

  /// Reads holidays from text: one `YYYY-MM-DD` a line; `#` starts a comment. A bad line is named.
  public init(holidayList text: String, file: String) throws(HolidayListError) {
    var holidays: Set<CivilDate> = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        .trimmingCharacters(in: .whitespaces)
      guard !line.isEmpty else { continue }
      guard let date = CivilDate(line) else {
        throw HolidayListError(file: file, line: index + 1, text: String(line))
      }
      holidays.insert(date)
    }
    self.init(holidays: holidays)
  }

  /// Whether staff work on `date`.
  public func isWorkingDay(_ date: CivilDate) -> Bool { !date.isWeekend && !holidays.contains(date) }

  /// The last day by which something due `count` working days after `day` must be done.
  public func deadline(workingDays count: Int, after day: CivilDate) -> CivilDate {
    var date = day
    var left = count
    while left > 0 {
      date = date.adding(days: 1)
      if isWorkingDay(date) { left -= 1 }
    }
    return date
  }

  /// The follow-up deadlines of a bad rating made at `wallMilliseconds`.
  public func followUp(ofRatingAt wallMilliseconds: Int64) -> FollowUp {
    let day = CivilDate(wallMilliseconds: wallMilliseconds)
    return FollowUp(
      contact: deadline(workingDays: FollowUp.contactDays, after: day),
      simpleFix: deadline(workingDays: FollowUp.simpleFixDays, after: day),
      complexFix: deadline(workingDays: FollowUp.complexFixDays, after: day))
  }
}

/// When a bad rating must be followed up: the citizen contacted within 2 working days, a simple
/// problem fixed within 5, a complex one within 15 (the 好差评 rules for 差评 rectification).
public struct FollowUp: Sendable, Equatable {
  public static let contactDays = 2
  public static let simpleFixDays = 5
  public static let complexFixDays = 15

  /// The last day to contact the citizen.
  public let contact: CivilDate
  /// The last day to fix a simple problem.
  public let simpleFix: CivilDate
  /// The last day to fix a complex one.
  public let complexFix: CivilDate

  /// Whether the time to contact the citizen has run out by `now` (milliseconds since the epoch).
  public func contactOverdue(now: Int64) -> Bool { now >= contact.adding(days: 1).startMilliseconds }
}

/// A line of a holiday list that is not a date.
public struct HolidayListError: Error, Equatable, CustomStringConvertible {
  public let file: String
  public let line: Int
  public let text: String

  public var description: String { "\(file):\(line): '\(text)' is not a date like 2026-10-01" }
}
