/// Whether the case is handled within a promised time or at once (`promiseTime`: 承诺件, 即办件).
public enum CasePromise: String, CaseIterable, Codable, Sendable {
  /// 承诺件: handled within a promised number of days.
  case promise
  /// 即办件: handled at once.
  case immediate
}
