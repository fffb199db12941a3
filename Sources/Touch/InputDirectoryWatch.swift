import Glibc

/// Tells when touch devices may have been plugged in: inotify on /dev/input, where the kernel
/// creates each `eventN` node and udev then sets its permissions (or a node is moved into place).
/// Removal needs no watch: reading a device that is gone fails with ENODEV.
public final class InputDirectoryWatch: Sendable {
  /// Readable when something changed; hand it to the poll loop.
  public let fileDescriptor: Int32

  /// Starts watching `directory`.
  public init(directory: String = "/dev/input") throws(TouchError) {
    let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
    guard fd >= 0 else { throw TouchError.system("inotify_init1", errno) }
    guard inotify_add_watch(fd, directory, UInt32(IN_CREATE | IN_ATTRIB | IN_MOVED_TO)) >= 0 else {
      let code = errno
      close(fd)
      throw TouchError.system("inotify_add_watch \(directory)", code)
    }
    fileDescriptor = fd
  }

  deinit { close(fileDescriptor) }

  /// Reads what is pending; true when an `event*` node appeared or changed.
  public func drain() -> Bool {
    var touched = false
    let size = 4096
    let buffer = UnsafeMutableRawPointer.allocate(
      byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
    defer { buffer.deallocate() }
    while true {
      let count = read(fileDescriptor, buffer, size)
      guard count > 0 else { return touched }
      var offset = 0
      while offset < count {
        let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
        if event.len > 0 {
          let name = String(
            cString: buffer.advanced(by: offset + MemoryLayout<inotify_event>.size)
              .assumingMemoryBound(to: CChar.self))
          if name.hasPrefix("event") { touched = true }
        }
        offset += MemoryLayout<inotify_event>.size + Int(event.len)
      }
    }
  }
}
