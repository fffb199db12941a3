import Foundation
import RatingModel

/// A bad rating's follow-up, folded from its actions in the order they were recorded: where it
/// stands, its deadlines, and what may be done next (`check`). Pure: the store reads the actions
/// and writes the ones `check` lets through.
///
/// Deadlines run in working days from the day of the rating (`FollowUpCalendar`): contact by the
/// 2nd, a simple fix by the 5th, a complex one by the 15th; an extension moves both fix deadlines
/// by its working days. The hub cannot tell a simple problem from a complex one, so the fix is
/// marked overdue only after the complex deadline; the simple one is shown as the aim.
public struct FollowUpCase: Sendable {
  /// One recorded action and the state it left the follow-up in.
  public struct Step: Sendable, Equatable {
    public var action: FollowUpAction
    public var stateAfter: FollowUpState
  }

  /// What is overdue at a moment; both false once the follow-up is closed.
  public struct Overdue: Sendable, Equatable {
    /// No contact (回访) recorded, and the contact deadline has passed.
    public var contact: Bool
    /// The problem is not settled (rectified, or approved as invalid or unfixable), and the
    /// (extended) complex-fix deadline has passed.
    public var fix: Bool
    /// Either.
    public var any: Bool { contact || fix }
  }

  /// When the rating was made, milliseconds since the epoch (the hub's time of it).
  public let ratingMilliseconds: Int64
  /// Every action, oldest first, with the state after it.
  public private(set) var history: [Step] = []
  public private(set) var state = FollowUpState.pending
  /// Who asked for the review under way (an appeal or an unfixable declaration), if one is.
  public private(set) var reviewAskedBy: String?
  /// When the citizen was first contacted, if they have been.
  public private(set) var contactedMilliseconds: Int64?
  /// The working days of the extension, once it has been used.
  public private(set) var extensionDays: Int?
  /// The deadlines from the day of the rating.
  public let original: FollowUp
  /// The deadlines now: the fix deadlines moved by the extension, if any.
  public private(set) var deadlines: FollowUp
  /// The state a rejected review goes back to.
  private var stateBeforeReview: FollowUpState?
  private let calendar: FollowUpCalendar

  /// The follow-up of a rating made at `ratingMilliseconds`, after `actions` (as stored, in order).
  public init(
    ratingMilliseconds: Int64, actions: [FollowUpAction] = [], calendar: FollowUpCalendar = FollowUpCalendar()
  ) {
    self.ratingMilliseconds = ratingMilliseconds
    self.calendar = calendar
    original = calendar.followUp(ofRatingAt: ratingMilliseconds)
    deadlines = original
    for action in actions { apply(action) }
  }

  /// The actions, oldest first.
  public var actions: [FollowUpAction] { history.map(\.action) }

  /// Whether the citizen has been contacted (a `contact` is recorded).
  public var contacted: Bool { contactedMilliseconds != nil }

  /// What is overdue at `now` (milliseconds since the epoch).
  public func overdue(now: Int64) -> Overdue {
    guard state != .closed else { return Overdue(contact: false, fix: false) }
    return Overdue(
      contact: !contacted && deadlines.contactOverdue(now: now),
      fix: !state.isSettled && now >= deadlines.complexFix.adding(days: 1).startMilliseconds)
  }

  /// The state `action` would lead to if `user` recorded it now, on a rating of `ratingDepartment`
  /// (the transaction's department); `FollowUpRefusal` says what forbids it.
  public func check(_ action: FollowUpAction, by user: FollowUpActor, ratingDepartment: String)
    throws(FollowUpRefusal) -> FollowUpState
  {
    guard action.actor == user.name, action.role == user.role else { throw .notTheUser }
    guard user.role.canAct, action.kind != .approve && action.kind != .reject || user.role.canApprove else {
      throw .roleNotAllowed(user.role)
    }
    if user.role == .departmentHead && (user.department.isEmpty || user.department != ratingDepartment) {
      throw .otherDepartment(yours: user.department, rating: ratingDepartment)
    }
    let text = action.text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard !text.isEmpty else { throw .emptyText }
    guard action.text.count <= FollowUpAction.maximumTextLength else {
      throw .textTooLong(limit: FollowUpAction.maximumTextLength)
    }
    if action.kind == .extend {
      guard let days = action.days, FollowUpAction.extensionDays.contains(days) else {
        throw .daysOutOfRange(action.days)
      }
    } else if action.days != nil {
      throw .daysOnlyForExtension
    }
    guard let next = next(after: action.kind) else { throw .notAllowed(action.kind, in: state) }
    if action.kind == .extend && extensionDays != nil { throw .secondExtension }
    if action.kind == .approve || action.kind == .reject, reviewAskedBy == user.name {
      throw .approverIsAsker
    }
    if action.kind == .close && !contacted { throw .closeBeforeContact }
    return next
  }

  /// The follow-up after `action`, when `check` lets `user` record it.
  public func recording(_ action: FollowUpAction, by user: FollowUpActor, ratingDepartment: String)
    throws(FollowUpRefusal) -> FollowUpCase
  {
    _ = try check(action, by: user, ratingDepartment: ratingDepartment)
    var next = self
    next.apply(action)
    return next
  }

  /// The kinds `user` may record now (given a text, and days for an extension): what a page offers.
  public func allowedKinds(for user: FollowUpActor, ratingDepartment: String) -> [FollowUpAction.Kind] {
    FollowUpAction.Kind.allCases.filter { kind in
      let action = FollowUpAction(
        kind: kind, actor: user.name, role: user.role, atMilliseconds: 0, text: "-",
        days: kind == .extend ? FollowUpAction.extensionDays.lowerBound : nil)
      return (try? check(action, by: user, ratingDepartment: ratingDepartment)) != nil
    }
  }

  /// The state `kind` leads to from the current one, as far as the state decides; nil: not allowed.
  private func next(after kind: FollowUpAction.Kind) -> FollowUpState? {
    switch (kind, state) {
    case (.contact, let state) where state != .closed: state
    case (.start, .pending): .inProgress
    case (.done, .inProgress): .rectified
    case (.extend, .pending), (.extend, .inProgress): state
    case (.appeal, .pending), (.appeal, .inProgress): .invalidReview
    case (.declareUnfixable, .pending), (.declareUnfixable, .inProgress): .unfixableReview
    case (.approve, .invalidReview): .invalid
    case (.approve, .unfixableReview): .unfixable
    case (.reject, .invalidReview), (.reject, .unfixableReview): stateBeforeReview ?? .pending
    case (.close, .rectified), (.close, .invalid), (.close, .unfixable): .closed
    default: nil
    }
  }

  /// Folds in one stored action. Stored actions passed `check` when they were recorded; one that
  /// would not now (a rule changed since) is kept in the history and leaves the state as it was.
  private mutating func apply(_ action: FollowUpAction) {
    let allowed = next(after: action.kind)
    switch action.kind {
    case .contact:
      contactedMilliseconds = contactedMilliseconds ?? action.atMilliseconds
    case .extend:
      if allowed != nil && extensionDays == nil, let days = action.days {
        extensionDays = days
        deadlines = FollowUp(
          contact: original.contact,
          simpleFix: calendar.deadline(workingDays: days, after: original.simpleFix),
          complexFix: calendar.deadline(workingDays: days, after: original.complexFix))
      }
    case .appeal, .declareUnfixable:
      if allowed != nil {
        stateBeforeReview = state
        reviewAskedBy = action.actor
      }
    case .approve, .reject:
      if allowed != nil {
        stateBeforeReview = nil
        reviewAskedBy = nil
      }
    case .start, .done, .close: break
    }
    state = allowed ?? state
    history.append(Step(action: action, stateAfter: state))
  }
}
