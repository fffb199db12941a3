/// Where bad ratings' follow-ups are kept: append-only actions beside the ratings, which are never
/// altered. Every operation takes the hall's `FollowUpCalendar` (its holidays) for the deadlines.
///
/// Hub instances sharing a database may record on the same rating at once: each action takes the
/// next ordinal of its rating, so one of two racing actions loses, is checked again against the
/// follow-up the other left, and is recorded after it or refused.
public protocol FollowUpStore: Sendable {
  /// The bad ratings `filter` selects (oldest first unless it says newest), each with its
  /// follow-up. Fast on a million ratings when limited (`limit`) or within a period.
  func followUpQueue(filter: FollowUpFilter, calendar: FollowUpCalendar) async throws -> [FollowUpRating]
  /// How many bad ratings `filter` selects, ignoring its limit and offset (for paging).
  func followUpCount(filter: FollowUpFilter) async throws -> Int
  /// One bad rating and its follow-up; nil when `uuid` is not a stored bad rating.
  func followUp(rating uuid: String, calendar: FollowUpCalendar) async throws -> FollowUpRating?
  /// Checks `action` by `user` against the rating's follow-up as stored (`FollowUpCase.check`) and
  /// appends it, with its `AuditEntry` (`followup_<kind>`), in one transaction; returns the
  /// follow-up after it. Throws `FollowUpRefusal` (nothing written) when the rules forbid it.
  func record(_ action: FollowUpAction, on uuid: String, by user: FollowUpActor, calendar: FollowUpCalendar)
    async throws -> FollowUpCase
  /// The follow-ups `filter` selects as CSV for a spreadsheet (`FollowUpExport`): one line per
  /// action, and one for each rating with none yet.
  func followUpExport(filter: FollowUpFilter, calendar: FollowUpCalendar) async throws -> String
}
