/// The panel, driven straight through DRM/KMS: no display server. Probes the device, connector,
/// mode and CRTC (`DRMProbe`), and shows frames through a `Display` over dumb buffers and page
/// flips (`DRMScanout`); the CRTC it took over is restored when the display goes.
///
/// When another program is DRM master, showing fails with `.notMaster` and the caller retries;
/// an unplugged connector turns the CRTC off, and its return sets the mode with a full redraw.
public final class DRMDisplay {
  /// The state machine that shows frames on it.
  public let display: Display
  /// The panel's size in pixels (before software rotation).
  public let width: Int
  public let height: Int
  /// The device path opened.
  public let path: String
  /// The connector in use, as the kernel names it: `Virtual-1`, `HDMI-A-1`.
  public let connectorName: String

  /// Opens the display; `path` pins a device, otherwise the first primary node with KMS resources.
  /// At most `frameBuffers` dumb buffers are kept (fewer if the device has no room for more).
  /// `connector` picks one by name (`HDMI-A-1`) and `mode` one of its modes (`1280x800`, or
  /// `1280x800@60`) instead of the defaults.
  public init(
    path: String? = nil, connector: String? = nil, mode: String? = nil,
    rotation: Rotation = .none, fontFamily: String = Painter.defaultFont, frameBuffers: Int = 8
  )
    throws(ScreenError)
  {
    let probe = try DRMProbe(path: path, connector: connector, mode: mode)
    self.path = probe.path
    connectorName = probe.connectorName
    width = Int(probe.mode.hdisplay)
    height = Int(probe.mode.vdisplay)
    display = Display(
      backend: DRMScanout(probe: probe, rotation: rotation, fontFamily: fontFamily), capacity: frameBuffers)
    // Two buffers at least, now: a device without room for them fails here, not at the first frame.
    try display.reserve(2)
  }

  /// The logical screen's size after rotation.
  public var logicalSize: (width: Int, height: Int) { display.logicalSize }

  /// Draws a one-off frame into a free buffer and shows it: the first with a mode set, then by
  /// page flip, once the flip before it completed (waited for up to a second: the commands that
  /// show one-off frames run no event loop to hear of it).
  public func show(_ draw: @escaping (Canvas) -> Void) throws(ScreenError) {
    try display.awaitFlip(timeout: .seconds(1))
    try display.show(draw)
  }
}
