/// Where a stored record stands on its way to the province.
public enum OutboxState: String, Sendable, CaseIterable {
  /// A bad rating whose reasons the pad has not recorded yet (it forwards once they are known).
  case awaitingReasons = "awaiting_reasons"
  /// To be sent (again, after a backoff, when a try failed for a transient reason).
  case pending
  /// The province holds it: its answer was "stored", or "already stored".
  case sent
  /// The province refused it, or the hub cannot write it in the province's form: shown with the
  /// text, sent again only when an operator says (`uplink retry`).
  case refused
  /// Never sent: not a rating of a case (an expired prompt, a suspect press, a free rating), or a
  /// second rating of a case and stage already forwarded.
  case notForwardable = "not_forwardable"
}
