import RatingFlow
import RatingModel
import Testing

@testable import Touch

/// A screen with two buttons, very satisfied on the left half and very dissatisfied on the right,
/// that may be dark: the first finger on a dark one wakes it.
final class TwoButtonSurface: TapSurface {
  var dark: Bool
  var taps: [TapTarget] = []
  var fingers = 0

  init(dark: Bool = false) { self.dark = dark }

  func hitTest() -> (_ x: Double, _ y: Double) -> TapTarget? {
    { x, _ in x < 0.5 ? .level(.verySatisfied) : .level(.veryDissatisfied) }
  }

  func fingerOnGlass() -> Bool {
    fingers += 1
    defer { dark = false }
    return dark
  }

  func tapped(_ target: TapTarget) { taps.append(target) }
}

@Suite struct PanelTapsOnASurface {
  let range = AxisRange(minimum: 0, maximum: 32767)

  func panel(rotation: Int = 0) -> PanelTaps {
    PanelTaps(
      decoder: ContactDecoder(mode: .single, x: range, y: range),
      transform: TouchTransform(rotation: rotation))
  }

  /// A single-touch tap at `x` (device units), `at` ms, held 60 ms.
  func tap(x: Int32, at milliseconds: UInt64) -> [InputEvent] {
    events([(3, 0, x), (3, 1, 100), (1, 0x14a, 1), syn], at: milliseconds)
      + events([(1, 0x14a, 0), syn], at: milliseconds + 60)
  }

  @Test func aTapBecomesTheTargetUnderIt() {
    var taps = panel()
    let surface = TwoButtonSurface()
    taps.feed(tap(x: 30000, at: 0), on: surface)
    taps.feed(tap(x: 1000, at: 500), on: surface)
    #expect(surface.taps == [.level(.veryDissatisfied), .level(.verySatisfied)])
  }

  @Test func theTouchThatWakesADarkPanelIsSwallowedWholeAndTheNextOneTaps() {
    var taps = panel()
    let surface = TwoButtonSurface(dark: true)
    // The waking touch moves before it lifts: still swallowed.
    taps.feed(
      events([(3, 0, 1000), (3, 1, 100), (1, 0x14a, 1), syn], at: 0) + events([(3, 0, 1200), syn], at: 20)
        + events([(1, 0x14a, 0), syn], at: 60), on: surface)
    #expect(surface.taps == [], "the touch that woke the panel never becomes a rating")
    taps.feed(tap(x: 1000, at: 500), on: surface)
    #expect(surface.taps == [.level(.verySatisfied)])
    #expect(surface.fingers == 2, "every finger keeps the panel lit, the swallowed one's moves aside")
  }

  @Test func thePanelsPositionIsTurnedOntoTheScreen() {
    // Turned 180°: the panel's right is the screen's left.
    var taps = panel(rotation: 180)
    let surface = TwoButtonSurface()
    taps.feed(tap(x: 30000, at: 0), on: surface)
    #expect(surface.taps == [.level(.verySatisfied)])
  }
}
