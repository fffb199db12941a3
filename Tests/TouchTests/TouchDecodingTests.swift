import Testing

@testable import Touch

/// Recorded frames: (type, code, value) triples with SYN_REPORT between frames, times in ms.
func events(_ list: [(UInt16, UInt16, Int32)], at milliseconds: UInt64) -> [InputEvent] {
  list.map { InputEvent(type: $0.0, code: $0.1, value: $0.2, time: milliseconds * 1_000_000) }
}

let syn: (UInt16, UInt16, Int32) = (0, 0, 0)

/// Two targets: the left half is "A", the right half "B".
func halves(_ x: Double, _ y: Double) -> String? { x < 0.5 ? "A" : "B" }

func taps(
  _ stream: [InputEvent], mode: ContactDecoder.ReportingMode = .single,
  range: AxisRange = AxisRange(minimum: 0, maximum: 32767)
) -> [String] {
  var decoder = ContactDecoder(mode: mode, x: range, y: range)
  var recognizer = TapRecognizer<String>()
  return stream.compactMap { decoder.feed($0) }.compactMap { recognizer.feed($0, hit: halves) }
}

@Suite struct Decoding {
  @Test func anAbsolutePointerClickIsATap() {
    // qemu's usb-tablet: ABS_X/ABS_Y with BTN_LEFT.
    let stream =
      events([(3, 0, 8000), (3, 1, 16000), (1, 0x110, 1), syn], at: 0)
      + events([(1, 0x110, 0), syn], at: 60)
    #expect(taps(stream) == ["A"])
  }

  @Test func aSingleTouchScreenTapIsATap() {
    let stream =
      events([(3, 0, 30000), (3, 1, 100), (1, 0x14a, 1), syn], at: 0)
      + events([(3, 0, 30010), syn], at: 20) + events([(1, 0x14a, 0), syn], at: 70)
    #expect(taps(stream) == ["B"])
  }

  @Test func protocolBTheFirstContactCountsAndExtraFingersAreIgnored() {
    let stream =
      events([(3, 0x2f, 0), (3, 0x39, 7), (3, 0x35, 1000), (3, 0x36, 1000), (1, 0x14a, 1), syn], at: 0)
      // A second finger in slot 1 on the other half changes nothing.
      + events([(3, 0x2f, 1), (3, 0x39, 8), (3, 0x35, 30000), (3, 0x36, 1000), syn], at: 10)
      + events([(3, 0x2f, 0), (3, 0x39, -1), syn], at: 50)
      // The second finger lifting later is no tap either.
      + events([(3, 0x2f, 1), (3, 0x39, -1), (1, 0x14a, 0), syn], at: 90)
    #expect(taps(stream, mode: .multitouchB) == ["A"])
  }

  @Test func protocolBAPalmFirstThenAFingerGivesNoTapFromTheFinger() {
    // The first contact (a palm on B) stays; a finger taps A and lifts: only the first counts.
    let stream =
      events([(3, 0x2f, 0), (3, 0x39, 1), (3, 0x35, 30000), (3, 0x36, 1000), (1, 0x14a, 1), syn], at: 0)
      + events([(3, 0x2f, 1), (3, 0x39, 2), (3, 0x35, 1000), (3, 0x36, 1000), syn], at: 10)
      + events([(3, 0x2f, 1), (3, 0x39, -1), syn], at: 60)
    #expect(taps(stream, mode: .multitouchB).isEmpty)
  }

  @Test func protocolAContactsAndTheEmptyFrameRelease() {
    let stream =
      events(
        [(3, 0x35, 30000), (3, 0x36, 500), (0, 2, 0), (3, 0x35, 100), (3, 0x36, 500), (0, 2, 0), syn], at: 0)
      + events([(3, 0x35, 30010), (3, 0x36, 505), (0, 2, 0), syn], at: 20)
      // An empty frame: every contact lifted.
      + events([(0, 2, 0), syn], at: 60)
    #expect(taps(stream, mode: .multitouchA) == ["B"])
  }

  @Test func aTouchCutBySYNDroppedIsNeverATap() {
    let stream =
      events([(3, 0, 1000), (3, 1, 1000), (1, 0x14a, 1), syn], at: 0)
      + events([(0, 3, 0)], at: 10)
      + events([(1, 0x14a, 0), syn], at: 40)
    #expect(taps(stream).isEmpty)
  }

  @Test func pressingOneButtonAndReleasingOnAnotherIsNothing() {
    let stream =
      events([(3, 0, 1000), (3, 1, 1000), (1, 0x14a, 1), syn], at: 0)
      + events([(3, 0, 30000), syn], at: 30) + events([(1, 0x14a, 0), syn], at: 60)
    #expect(taps(stream).isEmpty)
  }

  @Test func aContactHeldTooLongNeverTaps() {
    let stream =
      events([(3, 0, 1000), (3, 1, 1000), (1, 0x14a, 1), syn], at: 0)
      + events([(1, 0x14a, 0), syn], at: 3100)
    #expect(taps(stream).isEmpty)
  }

  @Test func aBounceRightAfterAReleaseIsIgnored() {
    let stream =
      events([(3, 0, 1000), (3, 1, 1000), (1, 0x14a, 1), syn], at: 0)
      + events([(1, 0x14a, 0), syn], at: 50)
      + events([(1, 0x14a, 1), syn], at: 80) + events([(1, 0x14a, 0), syn], at: 120)
      + events([(1, 0x14a, 1), syn], at: 400) + events([(1, 0x14a, 0), syn], at: 450)
    #expect(taps(stream) == ["A", "A"])
  }

  @Test func nonZeroAndInvertedRangesNormalise() {
    #expect(AxisRange(minimum: 100, maximum: 4100).normalise(2100) == 0.5)
    #expect(AxisRange(minimum: 4000, maximum: 0).normalise(1000) == 0.75)
    #expect(AxisRange(minimum: 0, maximum: 100).normalise(-5) == 0)
    let inverted = AxisRange(minimum: 32767, maximum: 0)
    let stream =
      events([(3, 0, 30000), (3, 1, 0), (1, 0x14a, 1), syn], at: 0) + events([(1, 0x14a, 0), syn], at: 50)
    #expect(taps(stream, range: inverted) == ["A"])
  }
}

@Suite struct Classification {
  @Test func touchScreensAndAbsolutePointersAreFoundAndOthersAreNot() {
    #expect(
      DeviceCapabilities(direct: true, mtPosition: true, mtSlot: true, buttonTouch: true).touchMode
        == .multitouchB)
    #expect(DeviceCapabilities(mtPosition: true, buttonTouch: true).touchMode == .multitouchA)
    #expect(DeviceCapabilities(absXY: true, buttonTouch: true).touchMode == .single)
    #expect(DeviceCapabilities(absXY: true, buttonLeft: true).touchMode == .single)  // qemu's usb-tablet
    #expect(DeviceCapabilities(buttonLeft: true).touchMode == nil)  // a mouse
    #expect(DeviceCapabilities().touchMode == nil)  // a keyboard
    #expect(DeviceCapabilities(absXY: true).touchMode == nil)  // a joystick
  }
}

@Suite struct ProtocolBSequences {
  @Test func aSlideThenATapGivesOnlyTheTap() {
    let slide =
      events([(3, 0x39, 5), (3, 0x35, 1000), (3, 0x36, 2000), (1, 0x14a, 1), syn], at: 0)
      + events([(3, 0x35, 30000), (3, 0x36, 2000), syn], at: 40)
      + events([(3, 0x39, -1), (1, 0x14a, 0), syn], at: 80)
    let tap =
      events([(3, 0x39, 5), (3, 0x35, 31000), (3, 0x36, 2000), (1, 0x14a, 1), syn], at: 2000)
      + events([(3, 0x35, 31000), (3, 0x36, 2000), syn], at: 2040)
      + events([(3, 0x39, -1), (1, 0x14a, 0), syn], at: 2080)
    #expect(taps(slide + tap, mode: .multitouchB) == ["B"])
  }

  @Test func aSlotKeepsItsPositionWhenTheKernelDoesNotResendIt() {
    // The second contact starts at the same y as the first ended: the kernel sends no ABS_MT_POSITION_Y.
    let first =
      events([(3, 0x39, 5), (3, 0x35, 1000), (3, 0x36, 20000), (1, 0x14a, 1), syn], at: 0)
      + events([(3, 0x39, -1), (1, 0x14a, 0), syn], at: 50)
    let second =
      events([(3, 0x39, 6), (3, 0x35, 31000), (1, 0x14a, 1), syn], at: 500)
      + events([(3, 0x39, -1), (1, 0x14a, 0), syn], at: 550)
    let range = AxisRange(minimum: 0, maximum: 32767)
    var decoder = ContactDecoder(mode: .multitouchB, x: range, y: range)
    let frames = (first + second).compactMap { decoder.feed($0) }
    guard frames.count == 4, case .down(_, let y, _) = frames[2] else { Issue.record("\(frames)"); return }
    #expect(abs(y - 20000.0 / 32767) < 1e-9)
  }
}
