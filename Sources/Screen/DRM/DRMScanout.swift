import CDRM
import Glibc

/// The DRM side of the display: dumb buffers, the mode set, page flips and their events, the
/// CRTC turned off, and the CRTC found at start put back on exit. The only caller of
/// `drmModeSetCrtc` and `drmModePageFlip`; it keeps no display state, `Display` does.
final class DRMScanout: FrameBackend {
  private let file: DRMFile
  let name: String
  private let connectorID: UInt32
  private let crtcID: UInt32
  private var mode: drmModeModeInfo
  /// The CRTC as it was before this program took it, restored on exit.
  private let savedCrtc: UnsafeMutablePointer<drmModeCrtc>?
  let panelWidth: Int
  let panelHeight: Int
  let rotation: Rotation
  let fontFamily: String
  /// Page flips the kernel has completed; bumped from libdrm's callback.
  private let flipsCompleted = UnsafeMutablePointer<Int32>.allocate(capacity: 1)

  init(probe: DRMProbe, rotation: Rotation, fontFamily: String) {
    file = probe.file
    name = probe.path
    connectorID = probe.connectorID
    crtcID = probe.crtcID
    mode = probe.mode
    savedCrtc = drmModeGetCrtc(probe.file.fd, probe.crtcID)
    panelWidth = Int(probe.mode.hdisplay)
    panelHeight = Int(probe.mode.vdisplay)
    self.rotation = rotation
    self.fontFamily = fontFamily
    flipsCompleted.initialize(to: 0)
  }

  deinit {
    if let saved = savedCrtc {
      var connector = connectorID
      drmModeSetCrtc(
        file.fd, saved.pointee.crtc_id, saved.pointee.buffer_id, saved.pointee.x, saved.pointee.y, &connector,
        1, &saved.pointee.mode)
      drmModeFreeCrtc(saved)
    }
    flipsCompleted.deallocate()
    // The buffers and then the descriptor go with the last reference to them (DRMFile).
  }

  var eventDescriptor: Int32? { file.fd }

  func makeBuffer() throws(ScreenError) -> any FrameBuffer {
    try DumbBuffer(file: file, width: panelWidth, height: panelHeight)
  }

  func setMode(_ buffer: any FrameBuffer) throws(ScreenError) -> Bool {
    let framebuffer = (buffer as! DumbBuffer).framebuffer
    var connector = connectorID
    let fd = file.fd
    if drmModeSetCrtc(fd, crtcID, framebuffer, 0, 0, &connector, 1, &mode) == 0 { return true }
    let code = errno
    guard code == EACCES || code == EPERM else { throw .drm(call: "drmModeSetCrtc", errno: code) }
    // Not master: another program had the display when this one opened it, or took it since.
    // Asking for it succeeds once that program has let go.
    guard drmSetMaster(fd) == 0, drmModeSetCrtc(fd, crtcID, framebuffer, 0, 0, &connector, 1, &mode) == 0
    else { throw .notMaster(name) }
    return true
  }

  func requestFlip(_ buffer: any FrameBuffer) throws(ScreenError) -> Bool {
    let framebuffer = (buffer as! DumbBuffer).framebuffer
    guard
      drmModePageFlip(file.fd, crtcID, framebuffer, UInt32(DRM_MODE_PAGE_FLIP_EVENT), flipsCompleted) == 0
    else {
      let code = errno
      // Master lost: another program took the display.
      if code == EACCES || code == EPERM { throw .notMaster(name) }
      throw .drm(call: "drmModePageFlip", errno: code)
    }
    return false
  }

  func turnOff() throws(ScreenError) {
    guard drmModeSetCrtc(file.fd, crtcID, 0, 0, 0, nil, 0, nil) == 0 else {
      throw .drm(call: "drmModeSetCrtc (off)", errno: errno)
    }
  }

  func readFlipEvents() -> Bool {
    let before = flipsCompleted.pointee
    _ = cdrm_handle_events(file.fd)
    return flipsCompleted.pointee != before
  }

  func awaitFlipEvents(timeout: Duration) -> Bool {
    var ready = pollfd(fd: file.fd, events: Int16(POLLIN), revents: 0)
    let milliseconds = Int32(timeout.nanoseconds / 1_000_000)
    guard poll(&ready, 1, milliseconds) > 0 else { return false }
    return readFlipEvents()
  }

  func isConnected() -> Bool? {
    guard let connector = drmModeGetConnectorCurrent(file.fd, connectorID) else { return nil }
    defer { drmModeFreeConnector(connector) }
    return connector.pointee.connection == DRM_MODE_CONNECTED
  }

  func setBacklight(on: Bool) { Backlight.set(on: on) }
}
