import Testing

@testable import Touch

@Suite struct Palms {
  let range = AxisRange(minimum: 0, maximum: 32767)

  func taps(_ stream: [InputEvent], mode: ContactDecoder.ReportingMode) -> [String] {
    var decoder = ContactDecoder(mode: mode, x: range, y: range, palmMajor: 32767 / 6)
    var recognizer = TapRecognizer<String>()
    return stream.compactMap { decoder.feed($0) }.compactMap { recognizer.feed($0, hit: halves) }
  }

  @Test func aFingerThatWidensIntoAPalmIsNoTapAndTheNextFingerIs() {
    // Protocol B: a finger down (major 400), the hand lays flat (major 9000), all lift; then a tap.
    let stream =
      events(
        [(3, 0x2f, 0), (3, 0x39, 7), (3, 0x35, 8000), (3, 0x36, 9000), (3, 0x30, 400), (1, 0x14a, 1), syn],
        at: 0)
      + events([(3, 0x30, 9000), syn], at: 40)
      + events([(3, 0x39, -1), (1, 0x14a, 0), syn], at: 90)
      + events([(3, 0x39, 8), (3, 0x35, 30000), (3, 0x30, 350), (1, 0x14a, 1), syn], at: 400)
      + events([(3, 0x39, -1), (1, 0x14a, 0), syn], at: 460)
    #expect(taps(stream, mode: .multitouchB) == ["B"])
  }

  @Test func aProtocolAPalmBesideTheFingerVoidsTheTouch() {
    // Protocol A: a finger, then a second, palm-wide contact in the same frame, then all up.
    let stream =
      events([(3, 0x35, 8000), (3, 0x36, 9000), (3, 0x30, 300), (0, 2, 0), (1, 0x14a, 1), syn], at: 0)
      + events(
        [
          (3, 0x35, 8000), (3, 0x36, 9000), (3, 0x30, 300), (0, 2, 0),
          (3, 0x35, 20000), (3, 0x36, 20000), (3, 0x30, 12000), (0, 2, 0), syn,
        ], at: 30)
      + events([(0, 2, 0), (1, 0x14a, 0), syn], at: 80)
    #expect(taps(stream, mode: .multitouchA) == [])
  }

  @Test func withoutWidthsNothingIsAPalm() {
    let stream =
      events(
        [(3, 0x2f, 0), (3, 0x39, 7), (3, 0x35, 8000), (3, 0x36, 9000), (3, 0x30, 9000), (1, 0x14a, 1), syn],
        at: 0)
      + events([(3, 0x39, -1), (1, 0x14a, 0), syn], at: 60)
    var decoder = ContactDecoder(mode: .multitouchB, x: range, y: range)
    var recognizer = TapRecognizer<String>()
    #expect(stream.compactMap { decoder.feed($0) }.compactMap { recognizer.feed($0, hit: halves) } == ["A"])
  }
}
