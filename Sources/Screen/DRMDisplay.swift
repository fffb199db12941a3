import CDRM
import Foundation
import Glibc

/// The panel, driven straight through DRM/KMS: no display server. Owns the device, the CRTC it
/// took over (restored on exit) and the dumb buffers of its pre-drawn frames (`FrameCache`):
/// each screen content is drawn once into a buffer of its own and shown by a page flip.
///
/// Device: the first primary node with KMS resources, found the way kmscube does
/// (`drmGetDevices2`), unless a path is given. Connector: the first connected one with modes,
/// unless one is named. Mode: the one named, else the preferred one, else the one already on
/// the CRTC, else the largest.
///
/// When another program is DRM master, `show` and `present` fail with `.notMaster` and the caller
/// retries; when the connector is unplugged (a hotplug event), `reprobe` turns the CRTC off, and
/// once it is back the next `present` draws the whole frame again and sets the mode.
public final class DRMDisplay: PanelDisplay {
  private let file: DRMFile
  private let connectorID: UInt32
  private let crtcID: UInt32
  private var savedCrtc: UnsafeMutablePointer<drmModeCrtc>?
  private let scanout: DRMScanout
  private var connected = true
  /// The pre-drawn frames, in dumb buffers.
  public let frames: FrameCache
  /// The panel's size in pixels (before software rotation).
  public let width: Int
  public let height: Int
  /// The device path opened.
  public let path: String
  /// The connector in use, as the kernel names it: `Virtual-1`, `HDMI-A-1`.
  public let connectorName: String
  /// The descriptor the event loop polls for page-flip events.
  public var fileDescriptor: Int32 { file.fd }
  public var eventDescriptor: Int32? { file.fd }
  /// How the panel is mounted.
  public let rotation: Rotation

  /// Opens the display; `path` pins a device, otherwise the first primary node with KMS resources.
  /// At most `frameBuffers` dumb buffers are kept (fewer if the device has no room for more).
  /// `connector` picks one by name (`HDMI-A-1`) and `mode` one of its modes (`1280x800`, or
  /// `1280x800@60`) instead of the defaults.
  public init(
    path pinned: String? = nil, connector wantedConnector: String? = nil, mode wantedMode: String? = nil,
    rotation: Rotation = .none, fontFamily: String = Painter.defaultFont, frameBuffers: Int = 8
  )
    throws(ScreenError)
  {
    let path: String
    if let pinned { path = pinned } else { path = try Self.findPrimaryNode() }
    let fd = open(path, O_RDWR | O_CLOEXEC)
    guard fd >= 0 else { throw .drm(call: "open \(path)", errno: errno) }
    let file = DRMFile(fd: fd)
    guard let resources = drmModeGetResources(fd) else {
      throw .noDisplay("\(path) has no KMS resources")
    }
    defer { drmModeFreeResources(resources) }
    var chosen: UnsafeMutablePointer<drmModeConnector>?
    var seen: [String] = []
    for index in 0..<Int(resources.pointee.count_connectors) {
      guard let connector = drmModeGetConnector(fd, resources.pointee.connectors[index]) else { continue }
      let usable = connector.pointee.connection == DRM_MODE_CONNECTED && connector.pointee.count_modes > 0
      if usable { seen.append(Self.name(of: connector)) }
      if usable && (wantedConnector == nil || wantedConnector == Self.name(of: connector)) {
        chosen = connector
        break
      }
      drmModeFreeConnector(connector)
    }
    guard let connector = chosen else {
      let wanted = wantedConnector.map { " named \($0)" } ?? " with modes"
      throw .noDisplay(
        "\(path): no connected connector\(wanted) (connected: \(seen.joined(separator: ", ")))")
    }
    defer { drmModeFreeConnector(connector) }
    connectorID = connector.pointee.connector_id
    connectorName = Self.name(of: connector)
    let mode = try Self.mode(of: connector, named: wantedMode, fd: fd, path: path)
    let crtcID = try Self.crtc(fd: fd, resources: resources, connector: connector)
    self.crtcID = crtcID
    savedCrtc = drmModeGetCrtc(fd, crtcID)
    self.file = file
    self.path = path
    self.rotation = rotation
    width = Int(mode.hdisplay)
    height = Int(mode.vdisplay)
    scanout = DRMScanout(
      file: file, path: path, connectorID: connectorID, crtcID: crtcID, mode: mode, rotation: rotation,
      fontFamily: fontFamily)
    frames = FrameCache(backend: scanout, capacity: frameBuffers)
    // Two buffers at least, now: a device without room for them fails here, not at the first frame.
    try frames.reserve(2)
  }

  deinit {
    if let saved = savedCrtc {
      var connector = connectorID
      drmModeSetCrtc(
        file.fd, saved.pointee.crtc_id, saved.pointee.buffer_id, saved.pointee.x, saved.pointee.y, &connector,
        1, &saved.pointee.mode)
      drmModeFreeCrtc(saved)
    }
    // The buffers and then the descriptor go with the last reference to them (DRMFile).
  }

  /// The logical screen's size after rotation.
  public var logicalSize: (width: Int, height: Int) { rotation.swapsAxes ? (height, width) : (width, height) }

  /// Draws a one-off frame into a free buffer and shows it: the first with a mode set, then by
  /// page flip. While a flip is still on its way the newest frame waits for it (never EBUSY).
  public func show(_ draw: @escaping (Canvas) -> Void) throws(ScreenError) {
    guard connected else { throw .disconnected(path) }
    try frames.show(draw)
  }

  /// Draws `content` ahead of time into a buffer of its own, unless it has one already.
  @discardableResult
  public func prepare(_ content: ScreenContent, painter: Painter, keeping: Set<ScreenContent> = [])
    throws(ScreenError) -> Preparation
  {
    try frames.prepare(content, painter: painter, keeping: keeping)
  }

  /// Shows `content`: a page flip to its pre-drawn buffer (drawn now only if it has none), or a
  /// mode set the first time and after the display was lost. Waits for a pending flip.
  public func present(_ content: ScreenContent, painter: Painter) throws(ScreenError) {
    guard connected else { throw .disconnected(path) }
    try frames.present(content, painter: painter)
  }

  /// Looks at the connector's state as the kernel last saw it (no probing, so it is cheap to ask
  /// often). Unplugged: the CRTC is turned off and `show` fails until it is back. Back: the next
  /// `present` draws a whole frame and sets the mode. Returns the new state when it changed.
  public func reprobe() -> Bool? {
    guard let connector = drmModeGetConnectorCurrent(file.fd, connectorID) else { return nil }
    defer { drmModeFreeConnector(connector) }
    let isConnected = connector.pointee.connection == DRM_MODE_CONNECTED
    guard isConnected != connected else { return nil }
    if !isConnected { drmModeSetCrtc(file.fd, crtcID, 0, 0, 0, nil, 0, nil) }
    scanout.lost()
    frames.forgetDrawn()
    connected = isConnected
    return connected
  }

  /// Gives up on a page flip the kernel never completed: the waiting frame goes up with a mode set.
  public func recoverStuckFlip() throws(ScreenError) -> Bool {
    guard connected else { return false }
    return try frames.recoverStuckFlip()
  }

  /// Turns the panel dark (CRTC off, backlight off where this process may) or lights it again
  /// with the frame it showed. A dark panel shows nothing until `setBlank(false)`.
  public func setBlank(_ dark: Bool) throws(ScreenError) {
    Backlight.set(on: !dark)
    guard connected else { return }
    if dark {
      guard drmModeSetCrtc(file.fd, crtcID, 0, 0, 0, nil, 0, nil) == 0 else {
        throw .drm(call: "drmModeSetCrtc (off)", errno: errno)
      }
      scanout.lost()
    } else {
      try frames.showAgain()
    }
  }

  /// Reads page-flip events (call when the descriptor is readable) and shows any waiting frame.
  public func handleEvents() throws(ScreenError) {
    _ = cdrm_handle_events(file.fd)
    guard connected else { return }
    try frames.flipCompleted()
  }

  /// The kernel's name for a connector: `Virtual-1`, `HDMI-A-1`.
  private static func name(of connector: UnsafeMutablePointer<drmModeConnector>) -> String {
    let typeName = drmModeGetConnectorTypeName(connector.pointee.connector_type).map { String(cString: $0) }
    return "\(typeName ?? "Unknown")-\(connector.pointee.connector_type_id)"
  }

  /// The mode asked for; else the preferred one, else the one already on the CRTC, else the largest.
  private static func mode(
    of connector: UnsafeMutablePointer<drmModeConnector>, named wanted: String?, fd: Int32, path: String
  ) throws(ScreenError) -> drmModeModeInfo {
    let modes = Array(
      UnsafeBufferPointer(start: connector.pointee.modes, count: Int(connector.pointee.count_modes)))
    func text(_ mode: drmModeModeInfo) -> String { "\(mode.hdisplay)x\(mode.vdisplay)@\(mode.vrefresh)" }
    if let wanted {
      guard let mode = modes.first(where: { text($0) == wanted || text($0).hasPrefix(wanted + "@") }) else {
        throw .noDisplay(
          "\(path) \(name(of: connector)) has no mode \(wanted) (it has: \(modes.map(text).joined(separator: ", ")))"
        )
      }
      return mode
    }
    if let preferred = modes.first(where: { $0.type & UInt32(DRM_MODE_TYPE_PREFERRED) != 0 }) {
      return preferred
    }
    if let encoder = drmModeGetEncoder(fd, connector.pointee.encoder_id) {
      defer { drmModeFreeEncoder(encoder) }
      if let crtc = drmModeGetCrtc(fd, encoder.pointee.crtc_id) {
        defer { drmModeFreeCrtc(crtc) }
        if crtc.pointee.mode_valid != 0 { return crtc.pointee.mode }
      }
    }
    return modes.max { Int($0.hdisplay) * Int($0.vdisplay) < Int($1.hdisplay) * Int($1.vdisplay) }!
  }

  private static func findPrimaryNode() throws(ScreenError) -> String {
    var devices = [drmDevicePtr?](repeating: nil, count: 16)
    let count = drmGetDevices2(0, &devices, Int32(devices.count))
    guard count > 0 else { throw .noDisplay("no DRM devices (is a DRM driver loaded? /dev/dri)") }
    defer { drmFreeDevices(&devices, count) }
    for device in devices.prefix(Int(count)).compactMap({ $0 }) {
      guard device.pointee.available_nodes & (1 << DRM_NODE_PRIMARY) != 0,
        let node = device.pointee.nodes[Int(DRM_NODE_PRIMARY)]
      else { continue }
      let path = String(cString: node)
      let fd = open(path, O_RDWR | O_CLOEXEC)
      guard fd >= 0 else { continue }
      defer { close(fd) }
      if let resources = drmModeGetResources(fd) {
        drmModeFreeResources(resources)
        return path
      }
    }
    throw .noDisplay("no DRM device with KMS resources")
  }

  private static func crtc(
    fd: Int32, resources: UnsafeMutablePointer<drmModeRes>, connector: UnsafeMutablePointer<drmModeConnector>
  ) throws(ScreenError) -> UInt32 {
    if let encoder = drmModeGetEncoder(fd, connector.pointee.encoder_id) {
      defer { drmModeFreeEncoder(encoder) }
      if encoder.pointee.crtc_id != 0 { return encoder.pointee.crtc_id }
    }
    for index in 0..<Int(connector.pointee.count_encoders) {
      guard let encoder = drmModeGetEncoder(fd, connector.pointee.encoders[index]) else { continue }
      defer { drmModeFreeEncoder(encoder) }
      for crtc in 0..<Int(resources.pointee.count_crtcs)
      where encoder.pointee.possible_crtcs & (1 << crtc) != 0 {
        return resources.pointee.crtcs[crtc]
      }
    }
    throw .noDisplay("no CRTC can drive the connector")
  }
}

/// The open device node; closed when nothing (display, buffers) uses it any more.
final class DRMFile {
  let fd: Int32

  init(fd: Int32) { self.fd = fd }

  deinit { close(fd) }
}

/// The DRM side of the frame cache: dumb buffers, the mode set and page flips.
final class DRMScanout: FrameBackend {
  private let file: DRMFile
  private let path: String
  private let connectorID: UInt32
  private let crtcID: UInt32
  private var mode: drmModeModeInfo
  let panelWidth: Int
  let panelHeight: Int
  let rotation: Rotation
  let fontFamily: String
  private var modeSet = false
  /// The framebuffer last scanned out.
  private var front: UInt32 = 0
  /// Page flips the kernel has completed; bumped from libdrm's callback.
  private let flipsCompleted = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
  private var flipsRequested: Int32 = 0

  init(
    file: DRMFile, path: String, connectorID: UInt32, crtcID: UInt32, mode: drmModeModeInfo,
    rotation: Rotation,
    fontFamily: String
  ) {
    self.file = file
    self.path = path
    self.connectorID = connectorID
    self.crtcID = crtcID
    self.mode = mode
    panelWidth = Int(mode.hdisplay)
    panelHeight = Int(mode.vdisplay)
    self.rotation = rotation
    self.fontFamily = fontFamily
    flipsCompleted.initialize(to: 0)
  }

  deinit { flipsCompleted.deallocate() }

  var flipPending: Bool { flipsRequested > flipsCompleted.pointee }

  func makeBuffer() throws(ScreenError) -> any FrameBuffer {
    try DumbBuffer(file: file, width: panelWidth, height: panelHeight)
  }

  func scanOut(_ buffer: any FrameBuffer) throws(ScreenError) {
    let framebuffer = (buffer as! DumbBuffer).framebuffer
    if modeSet && framebuffer == front { return }
    if !modeSet {
      try setMode(framebuffer)
      modeSet = true
    } else {
      guard
        drmModePageFlip(file.fd, crtcID, framebuffer, UInt32(DRM_MODE_PAGE_FLIP_EVENT), flipsCompleted) == 0
      else {
        let code = errno
        // Master lost (another program took the display): set the mode again once it is back.
        modeSet = false
        if code == EACCES || code == EPERM { throw .notMaster(path) }
        throw .drm(call: "drmModePageFlip", errno: code)
      }
      flipsRequested += 1
    }
    front = framebuffer
  }

  func forgetFlip() { lost() }

  /// The CRTC was turned off (connector unplugged): the next frame sets the mode again, and a
  /// flip requested before will never complete.
  func lost() {
    modeSet = false
    flipsCompleted.pointee = flipsRequested
  }

  private func setMode(_ framebuffer: UInt32) throws(ScreenError) {
    var connector = connectorID
    let fd = file.fd
    if drmModeSetCrtc(fd, crtcID, framebuffer, 0, 0, &connector, 1, &mode) == 0 {
      flipsCompleted.pointee = flipsRequested
      return
    }
    let code = errno
    guard code == EACCES || code == EPERM else { throw .drm(call: "drmModeSetCrtc", errno: code) }
    // Not master: another program had the display when this one opened it, or took it since.
    // Asking for it succeeds once that program has let go.
    guard drmSetMaster(fd) == 0, drmModeSetCrtc(fd, crtcID, framebuffer, 0, 0, &connector, 1, &mode) == 0
    else { throw .notMaster(path) }
    // A flip requested before master was lost will never complete.
    flipsCompleted.pointee = flipsRequested
  }
}

/// A dumb buffer mapped into memory and registered as a framebuffer.
final class DumbBuffer: FrameBuffer {
  let file: DRMFile
  let handle: UInt32
  let pitch: Int
  let size: Int
  let framebuffer: UInt32
  let pixels: UnsafeMutableRawPointer

  init(file: DRMFile, width: Int, height: Int) throws(ScreenError) {
    let fd = file.fd
    var handle: UInt32 = 0
    var pitch: UInt32 = 0
    var size: UInt64 = 0
    guard cdrm_create_dumb(fd, UInt32(width), UInt32(height), &handle, &pitch, &size) == 0 else {
      throw .drm(call: "DRM_IOCTL_MODE_CREATE_DUMB", errno: errno)
    }
    var framebuffer: UInt32 = 0
    guard drmModeAddFB(fd, UInt32(width), UInt32(height), 24, 32, pitch, handle, &framebuffer) == 0 else {
      let code = errno
      _ = cdrm_destroy_dumb(fd, handle)
      throw .drm(call: "drmModeAddFB", errno: code)
    }
    var offset: UInt64 = 0
    guard cdrm_map_dumb(fd, handle, &offset) == 0,
      let mapped = mmap(nil, Int(size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(offset)),
      mapped != MAP_FAILED
    else {
      let code = errno
      drmModeRmFB(fd, framebuffer)
      _ = cdrm_destroy_dumb(fd, handle)
      throw .drm(call: "mmap dumb buffer", errno: code)
    }
    self.file = file
    self.handle = handle
    self.pitch = Int(pitch)
    self.size = Int(size)
    self.framebuffer = framebuffer
    pixels = mapped
  }

  deinit {
    munmap(pixels, size)
    drmModeRmFB(file.fd, framebuffer)
    _ = cdrm_destroy_dumb(file.fd, handle)
  }
}

/// The panel's backlight under /sys/class/backlight, where there is one and it may be written
/// (the hardened service cannot: there the CRTC going off is what darkens the panel).
enum Backlight {
  static func set(on: Bool) {
    let directory = "/sys/class/backlight"
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for entry in entries {
      // bl_power: 0 is FB_BLANK_UNBLANK, 4 is FB_BLANK_POWERDOWN.
      try? (on ? "0" : "4").write(
        toFile: "\(directory)/\(entry)/bl_power", atomically: false, encoding: .utf8)
    }
  }
}
