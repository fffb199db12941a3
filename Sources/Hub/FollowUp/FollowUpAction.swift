import RatingModel
import RecordChain

/// One step of a bad rating's follow-up, as recorded and never edited: what was done, by whom
/// in which role, when, and the text they wrote (required), with the days of an extension.
public struct FollowUpAction: Sendable, Equatable {
  /// What an action does (stored by the English raw value).
  public enum Kind: String, Sendable, CaseIterable, Codable {
    case contact
    case start
    case done
    case extend
    case appeal
    case declareUnfixable = "declare_unfixable"
    case approve
    case reject
    case close

    /// The action's name, Chinese first.
    public var label: LocalizedText {
      switch self {
      case .contact: LocalizedText("回访", "Contacted the citizen")
      case .start: LocalizedText("开始整改", "Rectification started")
      case .done: LocalizedText("整改完成", "Rectification done")
      case .extend: LocalizedText("延期", "Extension")
      case .appeal: LocalizedText("申诉无效差评", "Appeal as invalid")
      case .declareUnfixable: LocalizedText("申请无法整改", "Declare unfixable")
      case .approve: LocalizedText("审核通过", "Approve")
      case .reject: LocalizedText("审核驳回", "Reject")
      case .close: LocalizedText("办结", "Close")
      }
    }

    /// What the text of the action should say, for the form's prompt.
    public var textPrompt: LocalizedText {
      switch self {
      case .contact: LocalizedText("回访结果", "Outcome of the call")
      case .start, .done: LocalizedText("整改内容", "What was rectified")
      case .extend, .appeal, .declareUnfixable: LocalizedText("理由", "Reason")
      case .approve, .reject: LocalizedText("审核意见", "Comment")
      case .close: LocalizedText("办结说明", "Closing note")
      }
    }
  }

  /// The longest text an action keeps (a page's textarea could send megabytes).
  public static let maximumTextLength = 2000
  /// The days an extension may give, in working days.
  public static let extensionDays = 1...15

  public var kind: Kind
  /// Who: the user's login name.
  public var actor: String
  /// The user's role when they acted.
  public var role: ConsoleRole
  /// When, milliseconds since the epoch.
  public var atMilliseconds: Int64
  public var text: String
  /// The working days of an extension; nil for every other kind.
  public var days: Int?

  /// An action by `user`, stamped now unless `atMilliseconds` says otherwise.
  public init(
    kind: Kind, text: String, days: Int? = nil, by user: FollowUpActor, atMilliseconds: Int64? = nil
  ) {
    self.init(
      kind: kind, actor: user.name, role: user.role, atMilliseconds: atMilliseconds ?? UnixMilliseconds.now(),
      text: text, days: days)
  }

  /// An action as stored.
  public init(kind: Kind, actor: String, role: ConsoleRole, atMilliseconds: Int64, text: String, days: Int?) {
    self.kind = kind
    self.actor = actor
    self.role = role
    self.atMilliseconds = atMilliseconds
    self.text = text
    self.days = days
  }
}
