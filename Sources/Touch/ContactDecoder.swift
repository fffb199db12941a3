/// Turns evdev events into the first contact's state at each SYN_REPORT.
///
/// Pure: fed events, it answers frames. It speaks every protocol halls' panels use:
/// multitouch protocol B (slots and tracking ids), protocol A (contacts separated by
/// SYN_MT_REPORT, released by an empty frame or BTN_TOUCH 0), single touch (ABS_X/ABS_Y with
/// BTN_TOUCH) and absolute pointers (qemu's tablet, digitizers in mouse mode, with BTN_LEFT).
/// Only the first contact counts; once it lifts, nothing counts until every finger is off.
/// A SYN_DROPPED cancels the contact in progress, so a touch whose end was lost never taps.
public struct ContactDecoder: Sendable {
  /// How the device reports contacts.
  public enum ReportingMode: Sendable {
    case multitouchB
    case multitouchA
    case single
  }

  /// The state of the first contact after a frame.
  public enum Frame: Sendable, Equatable {
    /// Touching at normalised (x, y).
    case down(x: Double, y: Double, time: UInt64)
    /// Lifted at normalised (x, y).
    case up(x: Double, y: Double, time: UInt64)
    /// Events were lost: whatever was in progress is void.
    case cancelled
  }

  private struct Slot: Sendable {
    var trackingID: Int32 = -1
    var x: Int32 = 0
    var y: Int32 = 0
    var order = 0
    var major: Int32 = 0
  }

  private let mode: ReportingMode
  private let xRange: AxisRange
  private let yRange: AxisRange
  /// A contact wider than this (ABS_MT_TOUCH_MAJOR, device units) is a palm; nil: not reported.
  private let palmMajor: Int32?
  private var palmInFrame = false
  // Single touch and pointers.
  private var x: Int32 = 0
  private var y: Int32 = 0
  private var button = false
  // Protocol B.
  private var slots: [Int32: Slot] = [:]
  private var slot: Int32 = 0
  private var nextOrder = 0
  // Protocol A: the frame being collected.
  private var frameContacts: [(x: Int32, y: Int32)] = []
  private var pending: (x: Int32?, y: Int32?) = (nil, nil)
  // The first contact as last reported.
  private var first: (x: Int32, y: Int32)?
  private var firstID: Int32?
  private var waitingForAllUp = false

  /// A decoder for a device reporting with `mode`, its axes spanning `x` and `y`.
  /// A decoder for a device reporting with `mode`, its axes spanning `x` and `y`; contacts wider
  /// than `palmMajor` are palms, which void the touch in progress.
  public init(mode: ReportingMode = .single, x: AxisRange, y: AxisRange, palmMajor: Int32? = nil) {
    self.mode = mode
    xRange = x
    yRange = y
    self.palmMajor = palmMajor
  }

  /// Feeds one event; returns a frame at each SYN_REPORT that changed the first contact.
  public mutating func feed(_ event: InputEvent) -> Frame? {
    switch (event.type, event.code) {
    case (0, 3):  // SYN_DROPPED: libevdev resyncs the state; the touch in progress is void.
      slots.removeAll()
      frameContacts.removeAll()
      pending = (nil, nil)
      first = nil
      firstID = nil
      button = false
      waitingForAllUp = true
      return .cancelled
    case (0, 2):  // SYN_MT_REPORT ends one protocol-A contact.
      if let px = pending.x, let py = pending.y { frameContacts.append((px, py)) }
      pending = (nil, nil)
    case (0, 0):  // SYN_REPORT
      return report(time: event.time)
    case (InputEvent.evAbs, InputEvent.absX):
      x = event.value
    case (InputEvent.evAbs, InputEvent.absY):
      y = event.value
    case (InputEvent.evAbs, InputEvent.absMTSlot):
      slot = event.value
    case (InputEvent.evAbs, InputEvent.absMTTouchMajor):
      if mode == .multitouchA {
        if let palmMajor, event.value > palmMajor { palmInFrame = true }
      } else {
        slots[slot, default: Slot()].major = event.value
      }
    case (InputEvent.evAbs, InputEvent.absMTTrackingID):
      // A slot keeps its last position across contacts: the kernel does not resend unchanged values.
      if event.value < 0 {
        slots[slot]?.trackingID = -1
      } else {
        slots[slot, default: Slot()].trackingID = event.value
        slots[slot]?.order = nextOrder
        nextOrder += 1
      }
    case (InputEvent.evAbs, InputEvent.absMTPositionX):
      if mode == .multitouchA {
        pending.x = event.value
      } else {
        slots[slot, default: Slot()].x = event.value
      }
    case (InputEvent.evAbs, InputEvent.absMTPositionY):
      if mode == .multitouchA {
        pending.y = event.value
      } else {
        slots[slot, default: Slot()].y = event.value
      }
    case (InputEvent.evKey, InputEvent.btnTouch), (InputEvent.evKey, InputEvent.btnLeft):
      button = event.value != 0
    default:
      break
    }
    return nil
  }

  /// Whether a contact in this frame is as wide as a palm.
  private mutating func isPalm() -> Bool {
    defer { palmInFrame = false }
    guard let palmMajor else { return false }
    if mode == .multitouchB {
      return slots.values.contains { $0.trackingID >= 0 && $0.major > palmMajor }
    }
    return palmInFrame
  }

  /// The contacts touching now, oldest first, with an identity for the first.
  private mutating func contacts() -> [(id: Int32, x: Int32, y: Int32)] {
    switch mode {
    case .single:
      return button ? [(Int32(0), x, y)] : []
    case .multitouchA:
      if let px = pending.x, let py = pending.y { frameContacts.append((px, py)) }
      defer {
        frameContacts.removeAll()
        pending = (nil, nil)
      }
      // Protocol A has no identities: the first contact of a frame is taken as the same finger.
      return frameContacts.map { (Int32(0), $0.x, $0.y) }
    case .multitouchB:
      return slots.values.filter { $0.trackingID >= 0 }.sorted { $0.order < $1.order }.map {
        ($0.trackingID, $0.x, $0.y)
      }
    }
  }

  private mutating func report(time: UInt64) -> Frame? {
    let now = contacts()
    if isPalm() {
      // A palm on the glass voids whatever the first finger was doing; nothing counts until all lift.
      let wasDown = firstID != nil
      firstID = nil
      first = nil
      waitingForAllUp = true
      return wasDown ? .cancelled : nil
    }
    if waitingForAllUp {
      if now.isEmpty { waitingForAllUp = false }
      return nil
    }
    if let id = firstID, let last = first {
      // The first contact is down: it moves, or it lifts (then nothing counts until all are up).
      if let same = now.first(where: { $0.id == id }) {
        guard same.x != last.x || same.y != last.y else { return nil }
        first = (same.x, same.y)
        return .down(x: xRange.normalise(same.x), y: yRange.normalise(same.y), time: time)
      }
      firstID = nil
      first = nil
      waitingForAllUp = !now.isEmpty
      return .up(x: xRange.normalise(last.x), y: yRange.normalise(last.y), time: time)
    }
    guard let start = now.first else { return nil }
    firstID = start.id
    first = (start.x, start.y)
    return .down(x: xRange.normalise(start.x), y: yRange.normalise(start.y), time: time)
  }
}
