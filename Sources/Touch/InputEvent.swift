/// One evdev event, as libevdev hands it over: what the pure decoder is fed (and tests record).
public struct InputEvent: Sendable, Hashable {
  public var type: UInt16
  public var code: UInt16
  public var value: Int32
  /// The kernel's timestamp in nanoseconds, on CLOCK_MONOTONIC (`TouchDevice` asks for it).
  public var time: UInt64

  public init(type: UInt16, code: UInt16, value: Int32, time: UInt64 = 0) {
    self.type = type
    self.code = code
    self.value = value
    self.time = time
  }

  // The few codes the decoder needs (linux/input-event-codes.h).
  static let evKey: UInt16 = 1
  static let evAbs: UInt16 = 3
  static let absX: UInt16 = 0x00
  static let absY: UInt16 = 0x01
  static let absMTSlot: UInt16 = 0x2f
  static let absMTTouchMajor: UInt16 = 0x30
  static let absMTPositionX: UInt16 = 0x35
  static let absMTPositionY: UInt16 = 0x36
  static let absMTTrackingID: UInt16 = 0x39
  static let btnLeft: UInt16 = 0x110
  static let btnTouch: UInt16 = 0x14a
}

/// The range an absolute axis reports, from its absinfo.
public struct AxisRange: Sendable, Hashable {
  public var minimum: Int32
  public var maximum: Int32

  public init(minimum: Int32, maximum: Int32) {
    self.minimum = minimum
    self.maximum = maximum
  }

  /// `value` mapped to 0…1 (an inverted axis, maximum below minimum, maps backwards), clamped.
  public func normalise(_ value: Int32) -> Double {
    guard maximum != minimum else { return 0 }
    let fraction = Double(value - minimum) / Double(maximum - minimum)
    return min(1, max(0, fraction))
  }
}
