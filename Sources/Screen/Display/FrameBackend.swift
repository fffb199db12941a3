/// Pixels a whole frame is drawn into and scanned out from: a DRM dumb buffer, or memory.
protocol FrameBuffer: AnyObject {
  /// XRGB8888 pixels, `pitch` bytes a row, the panel's size.
  var pixels: UnsafeMutableRawPointer { get }
  var pitch: Int { get }
}

/// The hardware under the display state machine: DRM/KMS (`DRMScanout`), the kernel frame
/// buffer (`FBDevScanout`), or memory (for tests and `ratingpad-bench screen`). It keeps no
/// display state of its own; `Display` decides which of these calls to make and when.
protocol FrameBackend: AnyObject {
  /// The panel's size in pixels (before software rotation).
  var panelWidth: Int { get }
  var panelHeight: Int { get }
  var rotation: Rotation { get }
  var fontFamily: String { get }
  /// The device, as errors name it: `/dev/dri/card0`, or `memory`.
  var name: String { get }
  /// The descriptor to poll for page-flip events, if there are any.
  var eventDescriptor: Int32? { get }
  /// A new buffer; throws when the device has no room for another.
  func makeBuffer() throws(ScreenError) -> any FrameBuffer
  /// Lights the CRTC with `buffer` by a mode set (asking for DRM master if another program let
  /// go); true when it is on the panel on return (always on DRM, where the call is synchronous).
  func setMode(_ buffer: any FrameBuffer) throws(ScreenError) -> Bool
  /// Asks for a page flip to `buffer` at the next vblank; true when it completed at once.
  func requestFlip(_ buffer: any FrameBuffer) throws(ScreenError) -> Bool
  /// Turns the CRTC off.
  func turnOff() throws(ScreenError)
  /// Reads pending events; true when a requested page flip completed.
  func readFlipEvents() -> Bool
  /// Waits up to `timeout` for events, then reads them; true when a requested page flip completed.
  func awaitFlipEvents(timeout: Duration) -> Bool
  /// Whether a panel is attached to the connector, as the kernel last saw it (nil: cannot tell).
  func isConnected() -> Bool?
  /// Switches the backlight, where there is one this process may write.
  func setBacklight(on: Bool)
  /// `buffer` was drawn into (a panel that uploads on damage may need telling, if it is shown).
  func drew(_ buffer: any FrameBuffer)
}

extension FrameBackend {
  func drew(_ buffer: any FrameBuffer) {}
}
