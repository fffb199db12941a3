import RatingModel

/// Where the follow-up (整改) of a bad rating stands: the states halls use. Stored by the English
/// raw value, shown by `label`.
public enum FollowUpState: String, Sendable, CaseIterable, Codable {
  case pending
  case inProgress = "in_progress"
  case rectified
  case invalidReview = "invalid_review"
  case invalid
  case unfixableReview = "unfixable_review"
  case unfixable
  case closed

  /// The state's name, Chinese first.
  public var label: LocalizedText {
    switch self {
    case .pending: LocalizedText("待整改", "Pending")
    case .inProgress: LocalizedText("整改中", "In progress")
    case .rectified: LocalizedText("整改完成", "Rectified")
    case .invalidReview: LocalizedText("无效差评审核", "Invalid: under review")
    case .invalid: LocalizedText("无效差评", "Invalid")
    case .unfixableReview: LocalizedText("无法整改审核", "Unfixable: under review")
    case .unfixable: LocalizedText("无法整改", "Unfixable")
    case .closed: LocalizedText("已办结", "Closed")
    }
  }

  /// Whether the follow-up still needs someone (everything but closed).
  public var isOpen: Bool { self != .closed }

  /// Whether a second user's approval is awaited.
  public var isUnderReview: Bool { self == .invalidReview || self == .unfixableReview }

  /// Whether the problem is settled (fixed, or found invalid or unfixable), so that the fix
  /// deadline no longer runs; only the close (after a contact) is left.
  public var isSettled: Bool {
    self == .rectified || self == .invalid || self == .unfixable || self == .closed
  }
}
