import RatingModel

/// Why an action on a bad rating's follow-up was refused, said so the user can put it right
/// (`message`, Chinese first). Nothing of a refused action is written.
public enum FollowUpRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  /// The rating is not a stored bad rating (or does not exist).
  case notABadRating(String)
  /// The action names another user than the one acting.
  case notTheUser
  /// The role may not do this (auditors and staff change nothing).
  case roleNotAllowed(ConsoleRole)
  /// A department head acting on another department's rating.
  case otherDepartment(yours: String, rating: String)
  case emptyText
  case textTooLong(limit: Int)
  /// An extension without days, or with days outside 1…15.
  case daysOutOfRange(Int?)
  /// Days given with an action that is not an extension.
  case daysOnlyForExtension
  /// The action cannot be taken in the current state.
  case notAllowed(FollowUpAction.Kind, in: FollowUpState)
  /// The one extension a rating may have has been used.
  case secondExtension
  /// The approval or rejection is by the user who asked for the review.
  case approverIsAsker
  /// A close with no contact (回访) recorded first.
  case closeBeforeContact
  /// Others kept changing the follow-up while this action was being recorded; try again.
  case busy

  /// What is wrong, Chinese first.
  public var message: LocalizedText {
    switch self {
    case .notABadRating(let uuid):
      LocalizedText("评价 \(uuid) 不是差评，无需整改", "rating \(uuid) is not a bad rating: nothing to follow up")
    case .notTheUser: LocalizedText("操作人与当前用户不符", "the action names another user than the one acting")
    case .roleNotAllowed(let role):
      LocalizedText(
        "\(role.label.chinese)只能查看，不能进行此操作", "a user with the role \(role.label.english) cannot do this")
    case .otherDepartment(let yours, let rating):
      LocalizedText(
        "该差评属于部门「\(rating)」，您只能处理本部门（\(yours)）的差评",
        "this rating is department '\(rating)''s; you act only on your own department's ('\(yours)')")
    case .emptyText: LocalizedText("请填写说明，内容不能为空", "the text is required and must not be empty")
    case .textTooLong(let limit):
      LocalizedText("说明不能超过 \(limit) 字", "the text must not be longer than \(limit) characters")
    case .daysOutOfRange(let days):
      LocalizedText(
        "延期天数须为 1 至 15 个工作日" + (days.map { "（填写的是 \($0)）" } ?? "（未填写）"),
        "an extension is 1 to 15 working days" + (days.map { " (not \($0))" } ?? " (none given)"))
    case .daysOnlyForExtension:
      LocalizedText("只有延期需要填写天数", "days are given only with an extension")
    case .notAllowed(let kind, let state):
      LocalizedText(
        "当前状态「\(state.label.chinese)」下不能\(kind.label.chinese)",
        "'\(kind.label.english)' is not allowed while the follow-up is '\(state.label.english)'")
    case .secondExtension:
      LocalizedText("每条差评只能延期一次，已经延期过", "a rating may be extended once only, and it has been")
    case .approverIsAsker:
      LocalizedText(
        "审核须由申请人以外的另一人进行", "the review must be decided by another user than the one who asked for it")
    case .closeBeforeContact:
      LocalizedText("办结前须先回访群众", "the citizen must be contacted (回访) before the follow-up is closed")
    case .busy:
      LocalizedText(
        "该差评正被他人同时处理，请刷新后重试", "others are changing this follow-up right now: reload and try again")
    }
  }

  public var description: String { "\(message.chinese) / \(message.english)" }
}
