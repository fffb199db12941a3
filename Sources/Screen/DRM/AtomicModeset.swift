import CDRM
import Glibc

/// The atomic side of the DRM API for one connector, CRTC and primary plane, as kmscube's
/// drm-atomic does it: the property ids each commit names, the mode as a property blob, and
/// the commits for a mode set, a page flip and the CRTC off. Used only by `DRMScanout`.
final class AtomicModeset {
  private let fd: Int32
  private let connectorID: UInt32
  private let crtcID: UInt32
  /// The CRTC's primary plane: the one the frame's buffer is put on.
  let planeID: UInt32
  private let modeBlob: UInt32
  private let width: UInt64
  private let height: UInt64
  private let connectorProperties: [String: UInt32]
  private let crtcProperties: [String: UInt32]
  private let planeProperties: [String: UInt32]

  /// Turns atomic on for `fd` and finds what commits need; nil (with why) where the driver has
  /// no atomic modesetting or lacks a property.
  static func open(
    fd: Int32, connectorID: UInt32, crtcID: UInt32, mode: drmModeModeInfo
  ) -> (AtomicModeset?, String) {
    guard drmSetClientCap(fd, UInt64(DRM_CLIENT_CAP_ATOMIC), 1) == 0 else {
      return (nil, "the driver offers no atomic modesetting")
    }
    let atomic = AtomicModeset(fd: fd, connectorID: connectorID, crtcID: crtcID, mode: mode)
    if let atomic, atomic.isComplete { return (atomic, "the driver offers atomic modesetting") }
    // Legacy after all: drop the cap, so that this client sees the device as a legacy one does.
    _ = drmSetClientCap(fd, UInt64(DRM_CLIENT_CAP_ATOMIC), 0)
    return (nil, "atomic offered but no primary plane or a property missing")
  }

  private init?(fd: Int32, connectorID: UInt32, crtcID: UInt32, mode: drmModeModeInfo) {
    guard let plane = Self.primaryPlane(fd: fd, crtcID: crtcID) else { return nil }
    var mode = mode
    var blob: UInt32 = 0
    guard drmModeCreatePropertyBlob(fd, &mode, MemoryLayout<drmModeModeInfo>.size, &blob) == 0 else {
      return nil
    }
    self.fd = fd
    self.connectorID = connectorID
    self.crtcID = crtcID
    planeID = plane
    modeBlob = blob
    width = UInt64(mode.hdisplay)
    height = UInt64(mode.vdisplay)
    connectorProperties = Self.properties(
      fd: fd, object: connectorID, type: UInt32(DRM_MODE_OBJECT_CONNECTOR))
    crtcProperties = Self.properties(fd: fd, object: crtcID, type: UInt32(DRM_MODE_OBJECT_CRTC))
    planeProperties = Self.properties(fd: fd, object: plane, type: UInt32(DRM_MODE_OBJECT_PLANE))
  }

  deinit { drmModeDestroyPropertyBlob(fd, modeBlob) }

  private var isComplete: Bool {
    connectorProperties["CRTC_ID"] != nil && crtcProperties["MODE_ID"] != nil
      && crtcProperties["ACTIVE"] != nil
      && ["FB_ID", "CRTC_ID", "SRC_X", "SRC_Y", "SRC_W", "SRC_H", "CRTC_X", "CRTC_Y", "CRTC_W", "CRTC_H"]
        .allSatisfy { planeProperties[$0] != nil }
  }

  /// Sets the mode with `framebuffer` on the primary plane, blocking until it is on the panel.
  func setMode(framebuffer: UInt32) -> Int32 {
    commit(flags: UInt32(DRM_MODE_ATOMIC_ALLOW_MODESET), userData: nil) { add in
      add(connectorID, connectorProperties["CRTC_ID"], UInt64(crtcID))
      add(crtcID, crtcProperties["MODE_ID"], UInt64(modeBlob))
      add(crtcID, crtcProperties["ACTIVE"], 1)
      addPlane(add, framebuffer: framebuffer)
    }
  }

  /// Asks for `framebuffer` at the next vblank; the page-flip event bumps `userData`'s counter.
  func flip(framebuffer: UInt32, userData: UnsafeMutableRawPointer) -> Int32 {
    commit(flags: UInt32(DRM_MODE_ATOMIC_NONBLOCK) | UInt32(DRM_MODE_PAGE_FLIP_EVENT), userData: userData) {
      add in
      addPlane(add, framebuffer: framebuffer)
    }
  }

  /// Turns the CRTC off: no plane, no mode, no connector.
  func turnOff() -> Int32 {
    commit(flags: UInt32(DRM_MODE_ATOMIC_ALLOW_MODESET), userData: nil) { add in
      add(planeID, planeProperties["FB_ID"], 0)
      add(planeID, planeProperties["CRTC_ID"], 0)
      add(crtcID, crtcProperties["MODE_ID"], 0)
      add(crtcID, crtcProperties["ACTIVE"], 0)
      add(connectorID, connectorProperties["CRTC_ID"], 0)
    }
  }

  private typealias Add = (UInt32, UInt32?, UInt64) -> Void

  private func addPlane(_ add: Add, framebuffer: UInt32) {
    add(planeID, planeProperties["FB_ID"], UInt64(framebuffer))
    add(planeID, planeProperties["CRTC_ID"], UInt64(crtcID))
    // Source rectangle in 16.16 fixed point, the whole buffer onto the whole CRTC.
    add(planeID, planeProperties["SRC_X"], 0)
    add(planeID, planeProperties["SRC_Y"], 0)
    add(planeID, planeProperties["SRC_W"], width << 16)
    add(planeID, planeProperties["SRC_H"], height << 16)
    add(planeID, planeProperties["CRTC_X"], 0)
    add(planeID, planeProperties["CRTC_Y"], 0)
    add(planeID, planeProperties["CRTC_W"], width)
    add(planeID, planeProperties["CRTC_H"], height)
  }

  /// One atomic commit; 0 or the errno it failed with.
  private func commit(flags: UInt32, userData: UnsafeMutableRawPointer?, _ fill: (Add) -> Void) -> Int32 {
    guard let request = drmModeAtomicAlloc() else { return ENOMEM }
    defer { drmModeAtomicFree(request) }
    var failed = false
    fill { object, property, value in
      guard let property, drmModeAtomicAddProperty(request, object, property, value) >= 0 else {
        failed = true
        return
      }
    }
    guard !failed else { return EINVAL }
    return drmModeAtomicCommit(fd, request, flags, userData) == 0 ? 0 : errno
  }

  /// The object's properties by name.
  private static func properties(fd: Int32, object: UInt32, type: UInt32) -> [String: UInt32] {
    guard let list = drmModeObjectGetProperties(fd, object, type) else { return [:] }
    defer { drmModeFreeObjectProperties(list) }
    var byName: [String: UInt32] = [:]
    for index in 0..<Int(list.pointee.count_props) {
      guard let property = drmModeGetProperty(fd, list.pointee.props[index]) else { continue }
      defer { drmModeFreeProperty(property) }
      let name = withUnsafeBytes(of: property.pointee.name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      byName[name] = property.pointee.prop_id
    }
    return byName
  }

  /// The "type" property's value of a primary plane (the kernel's DRM_PLANE_TYPE_PRIMARY; libdrm
  /// has no name for it).
  private static let primaryType: UInt64 = 1

  /// The primary plane that can drive the CRTC (the universal-planes view atomic turns on).
  private static func primaryPlane(fd: Int32, crtcID: UInt32) -> UInt32? {
    guard let resources = drmModeGetResources(fd) else { return nil }
    defer { drmModeFreeResources(resources) }
    guard
      let crtcIndex = (0..<Int(resources.pointee.count_crtcs)).first(where: {
        resources.pointee.crtcs[$0] == crtcID
      }), let planes = drmModeGetPlaneResources(fd)
    else { return nil }
    defer { drmModeFreePlaneResources(planes) }
    for index in 0..<Int(planes.pointee.count_planes) {
      let id = planes.pointee.planes[index]
      guard let plane = drmModeGetPlane(fd, id) else { continue }
      let usable = plane.pointee.possible_crtcs & (1 << UInt32(crtcIndex)) != 0
      drmModeFreePlane(plane)
      guard usable, let values = drmModeObjectGetProperties(fd, id, UInt32(DRM_MODE_OBJECT_PLANE)) else {
        continue
      }
      defer { drmModeFreeObjectProperties(values) }
      for slot in 0..<Int(values.pointee.count_props) {
        guard let property = drmModeGetProperty(fd, values.pointee.props[slot]) else { continue }
        let isType = withUnsafeBytes(of: property.pointee.name) { $0.starts(with: Array("type\0".utf8)) }
        drmModeFreeProperty(property)
        if isType && values.pointee.prop_values[slot] == primaryType { return id }
      }
    }
    return nil
  }
}
