/// What an input device says it can report, enough to tell a touch screen from a keyboard.
public struct DeviceCapabilities: Sendable, Equatable {
  public var direct: Bool  // INPUT_PROP_DIRECT
  public var absXY: Bool
  public var mtPosition: Bool
  public var mtSlot: Bool
  public var buttonTouch: Bool
  public var buttonLeft: Bool

  public init(
    direct: Bool = false, absXY: Bool = false, mtPosition: Bool = false, mtSlot: Bool = false,
    buttonTouch: Bool = false, buttonLeft: Bool = false
  ) {
    self.direct = direct
    self.absXY = absXY
    self.mtPosition = mtPosition
    self.mtSlot = mtSlot
    self.buttonTouch = buttonTouch
    self.buttonLeft = buttonLeft
  }

  /// How the device reports contacts if it is a touch screen or an absolute pointer; nil otherwise.
  public var touchMode: ContactDecoder.ReportingMode? {
    let touchscreen = (direct && (absXY || mtPosition)) || (mtPosition && buttonTouch)
    let pointer = absXY && (buttonLeft || buttonTouch)
    guard touchscreen || pointer else { return nil }
    if mtPosition { return mtSlot ? .multitouchB : .multitouchA }
    return .single
  }
}
