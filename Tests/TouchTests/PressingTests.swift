import RatingFlow
import RatingModel
import Testing

@testable import Touch

/// Two buttons (left: very satisfied, right: very dissatisfied) that record, in order, every tap
/// and every change of what the finger presses.
final class PressRecordingSurface: TapSurface {
  enum Event: Equatable {
    case tapped(TapTarget)
    case pressing(TapTarget?)
  }

  var events: [Event] = []

  func hitTest() -> (_ x: Double, _ y: Double) -> TapTarget? {
    { x, _ in x < 0.5 ? .level(.verySatisfied) : .level(.veryDissatisfied) }
  }

  func fingerOnGlass() -> Bool { false }
  func tapped(_ target: TapTarget) { events.append(.tapped(target)) }
  func pressing(_ target: TapTarget?) { events.append(.pressing(target)) }
}

@Suite struct Pressing {
  let range = AxisRange(minimum: 0, maximum: 32767)
  let left: TapTarget = .level(.verySatisfied)
  let right: TapTarget = .level(.veryDissatisfied)

  func panel() -> PanelTaps {
    PanelTaps(
      decoder: ContactDecoder(mode: .single, x: range, y: range), transform: TouchTransform(rotation: 0))
  }

  func down(x: Int32, at ms: UInt64) -> [InputEvent] {
    events([(3, 0, x), (3, 1, 100), (1, 0x14a, 1), syn], at: ms)
  }
  func move(x: Int32, at ms: UInt64) -> [InputEvent] { events([(3, 0, x), syn], at: ms) }
  func up(at ms: UInt64) -> [InputEvent] { events([(1, 0x14a, 0), syn], at: ms) }

  @Test func theButtonShowsPressedAtTouchDownBeforeAnyTapAndTheTapComesFirstAtTheLift() {
    var taps = panel()
    let surface = PressRecordingSurface()
    taps.feed(down(x: 1000, at: 0), on: surface)
    #expect(surface.events == [.pressing(left)], "the press is told at touch-down, not at the lift")
    taps.feed(move(x: 1200, at: 20), on: surface)
    #expect(surface.events == [.pressing(left)], "a move over the same button changes nothing")
    taps.feed(up(at: 80), on: surface)
    #expect(surface.events == [.pressing(left), .tapped(left), .pressing(nil)])
  }

  @Test func slidingOffReleasesThePressAndNeverRates() {
    var taps = panel()
    let surface = PressRecordingSurface()
    taps.feed(down(x: 1000, at: 0) + move(x: 30000, at: 30), on: surface)
    #expect(surface.events == [.pressing(left), .pressing(nil)], "over another button nothing is pressed")
    taps.feed(up(at: 90), on: surface)
    #expect(surface.events == [.pressing(left), .pressing(nil)], "a slide never rates")
  }

  @Test func slidingBackOnPressesAgainAndTheLiftThereTaps() {
    var taps = panel()
    let surface = PressRecordingSurface()
    taps.feed(down(x: 1000, at: 0) + move(x: 30000, at: 30) + move(x: 2000, at: 60) + up(at: 90), on: surface)
    #expect(
      surface.events == [.pressing(left), .pressing(nil), .pressing(left), .tapped(left), .pressing(nil)])
  }

  @Test func lostEventsCancelThePress() {
    var taps = panel()
    let surface = PressRecordingSurface()
    taps.feed(down(x: 30000, at: 0) + events([(0, 3, 0)], at: 10), on: surface)
    #expect(surface.events == [.pressing(right), .pressing(nil)])
  }

  @Test func aTouchOnNoButtonPressesNothing() {
    var recognizer = TapRecognizer<String>()
    _ = recognizer.feed(.down(x: 0.2, y: 0.2, time: 0)) { _, _ in nil }
    #expect(recognizer.pressing == nil)
    _ = recognizer.feed(.down(x: 0.2, y: 0.2, time: 10_000_000)) { _, _ in "A" }
    #expect(recognizer.pressing == nil, "sliding onto a button after touching down elsewhere presses nothing")
  }

  @Test func aBouncePressesNothing() {
    var recognizer = TapRecognizer<String>()
    _ = recognizer.feed(.down(x: 0.2, y: 0.2, time: 0), hit: halves)
    _ = recognizer.feed(.up(x: 0.2, y: 0.2, time: 50_000_000), hit: halves)
    _ = recognizer.feed(.down(x: 0.2, y: 0.2, time: 60_000_000), hit: halves)
    #expect(recognizer.pressing == nil, "a press 10 ms after a release is a bounce")
  }
}
