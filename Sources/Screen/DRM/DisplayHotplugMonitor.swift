import CDRM
import Glibc

/// Tells when a display connector may have changed: the kernel's uevents for the `drm` subsystem
/// (`HOTPLUG=1`), read from a netlink socket, the way udev itself hears them.
public final class DisplayHotplugMonitor: Sendable {
  /// Readable when the kernel sent uevents; hand it to the poll loop.
  public let fileDescriptor: Int32

  /// Opens the uevent socket.
  public init() throws(ScreenError) {
    let fd = socket(
      AF_NETLINK,
      Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue)
        | Int32(SOCK_CLOEXEC.rawValue), NETLINK_KOBJECT_UEVENT)
    guard fd >= 0 else { throw .drm(call: "socket(NETLINK_KOBJECT_UEVENT)", errno: errno) }
    var address = sockaddr_nl()
    address.nl_family = sa_family_t(AF_NETLINK)
    address.nl_groups = 1  // the kernel's own uevents
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, socklen_t(MemoryLayout<sockaddr_nl>.size))
      }
    }
    guard bound == 0 else {
      let code = errno
      close(fd)
      throw .drm(call: "bind uevent socket", errno: code)
    }
    fileDescriptor = fd
  }

  deinit { close(fileDescriptor) }

  /// Reads what is pending; true when a DRM hotplug event was among it.
  public func drain() -> Bool {
    var hotplug = false
    var buffer = [UInt8](repeating: 0, count: 8192)
    while true {
      let count = buffer.withUnsafeMutableBytes { recv(fileDescriptor, $0.baseAddress, $0.count, 0) }
      guard count > 0 else { return hotplug }
      // "ACTION@DEVPATH\0KEY=VALUE\0…"
      let fields = buffer[0..<count].split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
      if fields.contains("SUBSYSTEM=drm") && fields.contains("HOTPLUG=1") { hotplug = true }
    }
  }
}
