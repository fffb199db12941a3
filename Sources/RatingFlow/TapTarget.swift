import RatingModel

/// What a tap landed on, as the screen's layout names it; the flow decides what it means.
public enum TapTarget: Sendable, Hashable {
  /// One of the five level buttons.
  case level(SatisfactionLevel)
  /// An item of the reasons checklist, by code (toggles it).
  case reason(String)
  /// The submit button of the reasons screen.
  case submitReasons
  /// The skip button of the reasons screen.
  case skipReasons
}
