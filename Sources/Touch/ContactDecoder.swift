/// Turns evdev events into the first contact's state at each SYN_REPORT, for single-touch
/// screens, absolute pointers (qemu's tablet, digitizers in mouse mode) and multitouch slot 0.
///
/// Pure: fed events, it answers frames. A SYN_DROPPED cancels the contact in progress, so a
/// touch whose end was lost is never mistaken for a tap.
public struct ContactDecoder: Sendable {
  /// The state of the first contact after a frame.
  public enum Frame: Sendable, Equatable {
    /// Touching at normalised (x, y).
    case down(x: Double, y: Double, time: UInt64)
    /// Lifted at normalised (x, y).
    case up(x: Double, y: Double, time: UInt64)
    /// Events were lost: whatever was in progress is void.
    case cancelled
  }

  private let xRange: AxisRange
  private let yRange: AxisRange
  private var x: Int32 = 0
  private var y: Int32 = 0
  private var touching = false
  private var wasTouching = false
  private var slot: Int32 = 0
  private var changed = false

  public init(x: AxisRange, y: AxisRange) {
    xRange = x
    yRange = y
  }

  /// Feeds one event; returns a frame at each SYN_REPORT that changed the first contact.
  public mutating func feed(_ event: InputEvent) -> Frame? {
    switch (event.type, event.code) {
    case (0, 3):  // SYN_DROPPED
      touching = false
      wasTouching = false
      changed = false
      return .cancelled
    case (0, 0):  // SYN_REPORT
      defer {
        wasTouching = touching
        changed = false
      }
      guard changed || touching != wasTouching else { return nil }
      let point = (xRange.normalise(x), yRange.normalise(y))
      if touching { return .down(x: point.0, y: point.1, time: event.time) }
      return wasTouching ? .up(x: point.0, y: point.1, time: event.time) : nil
    case (InputEvent.evAbs, InputEvent.absX),
      (InputEvent.evAbs, InputEvent.absMTPositionX) where slot == 0:
      x = event.value
      changed = true
    case (InputEvent.evAbs, InputEvent.absY),
      (InputEvent.evAbs, InputEvent.absMTPositionY) where slot == 0:
      y = event.value
      changed = true
    case (InputEvent.evAbs, InputEvent.absMTSlot):
      slot = event.value
    case (InputEvent.evKey, InputEvent.btnTouch), (InputEvent.evKey, InputEvent.btnLeft):
      touching = event.value != 0
    default:
      break
    }
    return nil
  }
}
