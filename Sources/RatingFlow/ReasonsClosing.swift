/// How the reasons screen closed; a reasons record with no codes says which, so the hub knows the
/// bad rating's reasons are final even when there are none.
public enum ReasonsClosing: String, Sendable, Hashable, CaseIterable {
  /// The citizen pressed submit (with the codes ticked, or with none).
  case submitted
  /// The citizen pressed skip.
  case skipped
  /// Nobody touched the checklist for `reasonsTimeout`; items ticked but not submitted are not given.
  case timedOut = "timed_out"
  /// The counter system opened a new prompt while the checklist was showing.
  case superseded
}
