import CDRM
import Glibc

/// The panel, driven straight through DRM/KMS: no display server. Owns the device, the CRTC it
/// took over (restored on exit) and two dumb buffers it page-flips between.
///
/// Device: the first primary node with KMS resources, found the way kmscube does
/// (`drmGetDevices2`), unless a path is given. Connector: the first connected one with modes.
/// Mode: the preferred one, else the first.
///
/// When another program is DRM master, `show` fails with `.notMaster` and the caller retries; when
/// the connector is unplugged (a hotplug event), `reprobe` turns the CRTC off, and once it is back
/// the next `show` sets the mode again.
public final class DRMDisplay {
  private let fd: Int32
  private let connectorID: UInt32
  private let crtcID: UInt32
  private var mode: drmModeModeInfo
  private var savedCrtc: UnsafeMutablePointer<drmModeCrtc>?
  private var buffers: [DumbBuffer] = []
  private var front = 0
  private var modeSet = false
  private var connected = true
  /// Page flips the kernel has completed; bumped from libdrm's callback.
  private let flipsCompleted = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
  private var flipsRequested: Int32 = 0
  /// The frame waiting for the current flip to finish.
  private var pendingDraw: ((Canvas) -> Void)?
  /// The panel's size in pixels (before software rotation).
  public let width: Int
  public let height: Int
  /// The device path opened.
  public let path: String
  /// The connector in use, as the kernel names it: `Virtual-1`, `HDMI-A-1`.
  public let connectorName: String
  /// The descriptor the event loop polls for page-flip events.
  public var fileDescriptor: Int32 { fd }
  /// How the panel is mounted.
  public let rotation: Rotation
  private let fontFamily: String

  /// Opens the display; `path` pins a device, otherwise the first primary node with KMS resources.
  public init(
    path pinned: String? = nil, rotation: Rotation = .none, fontFamily: String = Painter.defaultFont
  )
    throws(ScreenError)
  {
    let path: String
    if let pinned { path = pinned } else { path = try Self.findPrimaryNode() }
    let fd = open(path, O_RDWR | O_CLOEXEC)
    guard fd >= 0 else { throw .drm(call: "open \(path)", errno: errno) }
    guard let resources = drmModeGetResources(fd) else {
      close(fd)
      throw .noDisplay("\(path) has no KMS resources")
    }
    defer { drmModeFreeResources(resources) }
    var chosen: UnsafeMutablePointer<drmModeConnector>?
    for index in 0..<Int(resources.pointee.count_connectors) {
      guard let connector = drmModeGetConnector(fd, resources.pointee.connectors[index]) else { continue }
      if connector.pointee.connection == DRM_MODE_CONNECTED && connector.pointee.count_modes > 0 {
        chosen = connector
        break
      }
      drmModeFreeConnector(connector)
    }
    guard let connector = chosen else {
      close(fd)
      throw .noDisplay("\(path): no connected connector with modes")
    }
    defer { drmModeFreeConnector(connector) }
    let modes = UnsafeBufferPointer(start: connector.pointee.modes, count: Int(connector.pointee.count_modes))
    mode = modes.first { $0.type & UInt32(DRM_MODE_TYPE_PREFERRED) != 0 } ?? modes[0]
    connectorID = connector.pointee.connector_id
    let typeName = drmModeGetConnectorTypeName(connector.pointee.connector_type).map { String(cString: $0) }
    connectorName = "\(typeName ?? "Unknown")-\(connector.pointee.connector_type_id)"
    crtcID = try Self.crtc(fd: fd, resources: resources, connector: connector)
    savedCrtc = drmModeGetCrtc(fd, crtcID)
    self.fd = fd
    self.path = path
    self.rotation = rotation
    self.fontFamily = fontFamily
    width = Int(mode.hdisplay)
    height = Int(mode.vdisplay)
    flipsCompleted.initialize(to: 0)
    for _ in 0..<2 { buffers.append(try DumbBuffer(fd: fd, width: width, height: height)) }
  }

  deinit {
    if let saved = savedCrtc {
      var connector = connectorID
      drmModeSetCrtc(
        fd, saved.pointee.crtc_id, saved.pointee.buffer_id, saved.pointee.x, saved.pointee.y, &connector, 1,
        &saved.pointee.mode)
      drmModeFreeCrtc(saved)
    }
    buffers.removeAll()
    flipsCompleted.deallocate()
    close(fd)
  }

  /// The logical screen's size after rotation.
  public var logicalSize: (width: Int, height: Int) { rotation.swapsAxes ? (height, width) : (width, height) }

  /// Draws a frame into the back buffer and shows it: the first with a mode set, then by page flip.
  /// While a flip is still on its way the newest frame waits for it (never EBUSY).
  public func show(_ draw: @escaping (Canvas) -> Void) throws(ScreenError) {
    guard connected else { throw .disconnected(path) }
    if flipsRequested > flipsCompleted.pointee {
      pendingDraw = draw
      return
    }
    let back = buffers[1 - front]
    let canvas = Canvas(
      pixels: back.pixels, panelWidth: width, panelHeight: height, stride: back.pitch, rotation: rotation,
      fontFamily: fontFamily)
    draw(canvas)
    canvas.flush()
    if !modeSet {
      try setMode(back.framebuffer)
      modeSet = true
    } else {
      guard
        drmModePageFlip(fd, crtcID, back.framebuffer, UInt32(DRM_MODE_PAGE_FLIP_EVENT), flipsCompleted) == 0
      else {
        let code = errno
        // Master lost (another program took the display): set the mode again once it is back.
        modeSet = false
        if code == EACCES || code == EPERM { throw .notMaster(path) }
        throw .drm(call: "drmModePageFlip", errno: code)
      }
      flipsRequested += 1
    }
    front = 1 - front
  }

  private func setMode(_ framebuffer: UInt32) throws(ScreenError) {
    var connector = connectorID
    if drmModeSetCrtc(fd, crtcID, framebuffer, 0, 0, &connector, 1, &mode) == 0 { return }
    let code = errno
    guard code == EACCES || code == EPERM else { throw .drm(call: "drmModeSetCrtc", errno: code) }
    // Not master: another program had the display when this one opened it, or took it since.
    // Asking for it succeeds once that program has let go.
    guard drmSetMaster(fd) == 0, drmModeSetCrtc(fd, crtcID, framebuffer, 0, 0, &connector, 1, &mode) == 0
    else { throw .notMaster(path) }
    // A flip requested before master was lost will never complete.
    flipsCompleted.pointee = flipsRequested
  }

  /// Looks at the connector's state as the kernel last saw it (no probing, so it is cheap to ask
  /// often). Unplugged: the CRTC is turned off and `show` fails until it is back. Back: the next
  /// `show` sets the mode and draws a whole frame. Returns the new state when it changed.
  public func reprobe() -> Bool? {
    guard let connector = drmModeGetConnectorCurrent(fd, connectorID) else { return nil }
    defer { drmModeFreeConnector(connector) }
    let isConnected = connector.pointee.connection == DRM_MODE_CONNECTED
    guard isConnected != connected else { return nil }
    if !isConnected { drmModeSetCrtc(fd, crtcID, 0, 0, 0, nil, 0, nil) }
    modeSet = false
    pendingDraw = nil
    flipsCompleted.pointee = flipsRequested
    connected = isConnected
    return connected
  }

  /// Reads page-flip events (call when the descriptor is readable) and draws any waiting frame.
  public func handleEvents() throws(ScreenError) {
    _ = cdrm_handle_events(fd)
    if flipsRequested <= flipsCompleted.pointee, let draw = pendingDraw {
      pendingDraw = nil
      try show(draw)
    }
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

/// A dumb buffer mapped into memory and registered as a framebuffer.
final class DumbBuffer {
  let fd: Int32
  let handle: UInt32
  let pitch: Int
  let size: Int
  let framebuffer: UInt32
  let pixels: UnsafeMutableRawPointer

  init(fd: Int32, width: Int, height: Int) throws(ScreenError) {
    var handle: UInt32 = 0
    var pitch: UInt32 = 0
    var size: UInt64 = 0
    guard cdrm_create_dumb(fd, UInt32(width), UInt32(height), &handle, &pitch, &size) == 0 else {
      throw .drm(call: "DRM_IOCTL_MODE_CREATE_DUMB", errno: errno)
    }
    var framebuffer: UInt32 = 0
    guard drmModeAddFB(fd, UInt32(width), UInt32(height), 24, 32, pitch, handle, &framebuffer) == 0 else {
      throw .drm(call: "drmModeAddFB", errno: errno)
    }
    var offset: UInt64 = 0
    guard cdrm_map_dumb(fd, handle, &offset) == 0,
      let mapped = mmap(nil, Int(size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(offset)),
      mapped != MAP_FAILED
    else { throw .drm(call: "mmap dumb buffer", errno: errno) }
    self.fd = fd
    self.handle = handle
    self.pitch = Int(pitch)
    self.size = Int(size)
    self.framebuffer = framebuffer
    pixels = mapped
  }

  deinit {
    munmap(pixels, size)
    drmModeRmFB(fd, framebuffer)
    _ = cdrm_destroy_dumb(fd, handle)
  }
}
