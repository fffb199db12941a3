import RatingFlow
import RatingModel

/// The screen as the touch input sees it, supplied by the agent: what a point lands on, whether a
/// finger woke the panel, and where taps go. Touch knows panels and fingers; this knows screens.
public protocol TapSurface: AnyObject {
  /// The hit-test for the screen shown now: the target under a point of the logical screen,
  /// normalised to 0…1 both ways. Asked once per batch of events.
  func hitTest() -> (_ x: Double, _ y: Double) -> TapTarget?
  /// A finger is on the glass (pressed or moving). True when it woke a dark panel: that whole
  /// touch is then swallowed, never a tap.
  func fingerOnGlass() -> Bool
  /// A tap landed on `target`.
  func tapped(_ target: TapTarget)
  /// What the finger presses changed: `target` at touch-down, nil when it slid off, lifted or was
  /// cancelled, the target again when it slid back. At a lift that taps, `tapped` comes first.
  func pressing(_ target: TapTarget?)
}

extension TapSurface {
  /// A surface that shows no pressed state ignores presses.
  public func pressing(_ target: TapTarget?) {}
}
