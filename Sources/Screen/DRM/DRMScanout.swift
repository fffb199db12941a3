import CDRM
import Glibc

/// The DRM side of the display: dumb buffers, the mode set, page flips and their events, the
/// CRTC turned off, and the CRTC found at start put back on exit. The only place that changes
/// the CRTC: by atomic commits (`AtomicModeset`) where the driver offers them, else by
/// `drmModeSetCrtc` and `drmModePageFlip`, chosen once at open. It keeps no display state,
/// `Display` does.
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
  /// The atomic commits, where the driver offers them and they were not turned down.
  private let atomic: AtomicModeset?
  /// Atomic or legacy.
  let output: OutputPath
  /// Why this output path: what the driver offered and what was asked for.
  let outputReason: String
  /// Whether the driver still hears of drawing into a scanned-out buffer (DIRTYFB): off once
  /// it answers ENOSYS (it needs no flush), as plymouth does.
  private(set) var dirtyFB = true
  /// The framebuffer on the CRTC (or on its way there by a pending flip).
  private var scannedOut: UInt32 = 0

  init(probe: DRMProbe, rotation: Rotation, fontFamily: String, modesetting: ModesettingChoice = .auto) {
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
    if modesetting == .legacy {
      atomic = nil
      outputReason = "legacy asked for ([screen] modesetting)"
    } else {
      let (found, why) = AtomicModeset.open(
        fd: probe.file.fd, connectorID: probe.connectorID, crtcID: probe.crtcID, mode: probe.mode)
      atomic = found
      outputReason = why
    }
    output = atomic == nil ? .legacy : .atomic
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

  /// Whether this descriptor is DRM master now.
  var isMaster: Bool { drmIsMaster(file.fd) == 1 }

  func makeBuffer() throws(ScreenError) -> any FrameBuffer {
    try DumbBuffer(file: file, width: panelWidth, height: panelHeight)
  }

  func setMode(_ buffer: any FrameBuffer) throws(ScreenError) -> Bool {
    let framebuffer = (buffer as! DumbBuffer).framebuffer
    let call = atomic == nil ? "drmModeSetCrtc" : "drmModeAtomicCommit (mode set)"
    var code = modeSet(framebuffer)
    if code == EACCES || code == EPERM {
      // Not master: another program had the display when this one opened it, or took it since.
      // Asking for it succeeds once that program has let go.
      guard drmSetMaster(file.fd) == 0, modeSet(framebuffer) == 0 else { throw .notMaster(name) }
      code = 0
    }
    guard code == 0 else { throw .drm(call: call, errno: code) }
    scannedOut = framebuffer
    // A driver that uploads on damage hears that the whole buffer is new.
    markDirty(framebuffer)
    return true
  }

  /// One mode set; 0 or the errno it failed with.
  private func modeSet(_ framebuffer: UInt32) -> Int32 {
    if let atomic { return atomic.setMode(framebuffer: framebuffer) }
    var connector = connectorID
    return drmModeSetCrtc(file.fd, crtcID, framebuffer, 0, 0, &connector, 1, &mode) == 0 ? 0 : errno
  }

  func requestFlip(_ buffer: any FrameBuffer) throws(ScreenError) -> Bool {
    let framebuffer = (buffer as! DumbBuffer).framebuffer
    let code: Int32
    if let atomic {
      code = atomic.flip(framebuffer: framebuffer, userData: UnsafeMutableRawPointer(flipsCompleted))
    } else {
      code =
        drmModePageFlip(file.fd, crtcID, framebuffer, UInt32(DRM_MODE_PAGE_FLIP_EVENT), flipsCompleted) == 0
        ? 0 : errno
    }
    guard code == 0 else {
      // Master lost: another program took the display.
      if code == EACCES || code == EPERM { throw .notMaster(name) }
      throw .drm(call: atomic == nil ? "drmModePageFlip" : "drmModeAtomicCommit (flip)", errno: code)
    }
    scannedOut = framebuffer
    return false
  }

  func turnOff() throws(ScreenError) {
    scannedOut = 0
    if let atomic {
      let code = atomic.turnOff()
      guard code == 0 else { throw .drm(call: "drmModeAtomicCommit (off)", errno: code) }
      return
    }
    guard drmModeSetCrtc(file.fd, crtcID, 0, 0, 0, nil, 0, nil) == 0 else {
      throw .drm(call: "drmModeSetCrtc (off)", errno: errno)
    }
  }

  /// Drawing into the buffer on the CRTC reaches panels that upload on damage only with DIRTYFB.
  func drew(_ buffer: any FrameBuffer) {
    let framebuffer = (buffer as! DumbBuffer).framebuffer
    if framebuffer == scannedOut { markDirty(framebuffer) }
  }

  /// DIRTYFB for the whole buffer, until the driver says it needs none (ENOSYS).
  private func markDirty(_ framebuffer: UInt32) {
    guard dirtyFB else { return }
    let result = drmModeDirtyFB(file.fd, framebuffer, nil, 0)
    if result == -ENOSYS || (result != 0 && errno == ENOSYS) { dirtyFB = false }
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
