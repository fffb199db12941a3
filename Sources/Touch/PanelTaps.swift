import RatingFlow
import RatingModel

/// One panel's way from events to taps: contact decoding, the panel-to-screen transform, tap
/// recognition, what the finger presses, and the swallowed touch that woke a dark panel. Pure but
/// for the surface it asks.
public struct PanelTaps {
  private var decoder: ContactDecoder
  private var recognizer = TapRecognizer<TapTarget>()
  private let transform: TouchTransform
  /// The touch in progress woke the dark screen and is dropped until it lifts.
  private var swallowing = false

  /// Taps from a panel decoded by `decoder`, its positions turned onto the screen by `transform`.
  public init(decoder: ContactDecoder, transform: TouchTransform) {
    self.decoder = decoder
    self.transform = transform
  }

  /// Feeds a batch of events as read; each tap goes to `surface`.
  public mutating func feed(_ events: [InputEvent], on surface: any TapSurface) {
    let hit = surface.hitTest()
    let transform = self.transform
    for event in events {
      guard let frame = decoder.feed(event) else { continue }
      // The touch that wakes a dark panel is swallowed whole: it never becomes a rating.
      if case .down = frame, !swallowing, surface.fingerOnGlass() { swallowing = true }
      if swallowing {
        if case .down = frame { continue }
        swallowing = false
        continue
      }
      let before = recognizer.pressing
      let target = recognizer.feed(frame) { x, y in
        let point = transform.apply(x: x, y: y)
        return hit(point.x, point.y)
      }
      // The tap first: its screen replaces the pressed one in one flip, with no unpressed frame between.
      if let target { surface.tapped(target) }
      if recognizer.pressing != before { surface.pressing(recognizer.pressing) }
    }
  }
}
