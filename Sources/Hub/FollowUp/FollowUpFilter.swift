/// Which bad ratings a follow-up queue or export lists, and which page of them. Build one from
/// the page's query, then `visible(to:)` so a department head or staff member sees only theirs.
public struct FollowUpFilter: Sendable, Equatable {
  /// Only these states (all when empty).
  public var states: Set<FollowUpState>
  /// Only the ones not closed.
  public var openOnly: Bool
  /// Only this department's (the transaction's department).
  public var department: String?
  /// Only this staff member's (工号).
  public var staffNumber: String?
  /// Only ratings made in this period (all time when nil).
  public var period: ReportPeriod?
  /// At most this many, after skipping `offset` (all when nil).
  public var limit: Int?
  public var offset: Int
  /// Newest first (the default is oldest first: the longest waiting at the top).
  public var newestFirst: Bool
  /// Set by `visible(to:)` for a user who may see nothing (a department head with no department).
  var nothing = false

  /// A filter; with no arguments, every bad rating.
  public init(
    states: Set<FollowUpState> = [], openOnly: Bool = false, department: String? = nil,
    staffNumber: String? = nil, period: ReportPeriod? = nil, limit: Int? = nil, offset: Int = 0,
    newestFirst: Bool = false
  ) {
    self.states = states
    self.openOnly = openOnly
    self.department = department
    self.staffNumber = staffNumber
    self.period = period
    self.limit = limit
    self.offset = offset
    self.newestFirst = newestFirst
  }

  /// The filter narrowed to what `user` may see: a department head's own department, a staff
  /// member's own 工号 (whatever the filter asked for besides).
  public func visible(to user: FollowUpActor) -> FollowUpFilter {
    var filter = self
    switch user.role {
    case .admin, .supervisor, .auditor: break
    case .departmentHead:
      if filter.department.map({ $0 != user.department }) == true { filter.nothing = true }
      filter.department = user.department
      filter.nothing = filter.nothing || user.department.isEmpty
    case .staff:
      if filter.staffNumber.map({ $0 != user.staffNumber }) == true { filter.nothing = true }
      filter.staffNumber = user.staffNumber
      filter.nothing = filter.nothing || user.staffNumber.isEmpty
    }
    return filter
  }

  /// Whether a rating in `state` passes the state part of the filter.
  func admits(_ state: FollowUpState) -> Bool {
    (states.isEmpty || states.contains(state)) && (!openOnly || state.isOpen)
  }
}
