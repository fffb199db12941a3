/// Where the case stands in the counter system (a province's `proStatus` numbers these; its
/// forwarding profile converts).
public enum CaseStatus: String, CaseIterable, Codable, Sendable {
  /// 已受理 (or 待受理 where a province counts it so): the application was accepted.
  case accepted
  /// 办理中: being handled.
  case inProgress = "in_progress"
  /// 已办结: finished.
  case finished
}
