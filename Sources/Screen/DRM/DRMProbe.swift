import CDRM
import Glibc

/// What probing found, as kmscube finds it: the device, the connector, its mode and a CRTC.
///
/// Device: the first primary node with KMS resources (`drmGetDevices2`), unless a path is given.
/// Connector: the first connected one with modes, unless one is named. Mode: the one named,
/// else the preferred one, else the one already on the CRTC, else the largest.
struct DRMProbe {
  let file: DRMFile
  let path: String
  let connectorID: UInt32
  /// The connector as the kernel names it: `Virtual-1`, `HDMI-A-1`.
  let connectorName: String
  let crtcID: UInt32
  let mode: drmModeModeInfo

  init(path pinned: String?, connector wantedConnector: String?, mode wantedMode: String?) throws(ScreenError)
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
    self.file = file
    self.path = path
    connectorID = connector.pointee.connector_id
    connectorName = Self.name(of: connector)
    mode = try Self.mode(of: connector, named: wantedMode, fd: fd, path: path)
    crtcID = try Self.crtc(fd: fd, resources: resources, connector: connector)
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
