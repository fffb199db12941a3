import CUdev
import Glibc

/// libudev, the one owner of its handles: a device's properties as the kernel's uevent and udev's
/// rules left them, read where libinput reads them.
final class Udev {
  private let context: OpaquePointer

  /// A libudev context; nil when libudev cannot make one (out of memory).
  init?() {
    guard let context = udev_new() else { return nil }
    self.context = context
  }

  deinit { udev_unref(context) }

  /// The value of `property` for the character device numbered `device` (a `st_rdev`); nil when
  /// udev knows no such device or the device has no such property.
  func property(_ name: String, ofCharacterDevice device: dev_t) -> String? {
    guard let handle = udev_device_new_from_devnum(context, CChar(UInt8(ascii: "c")), device) else {
      return nil
    }
    defer { udev_device_unref(handle) }
    return udev_device_get_property_value(handle, name).map { String(cString: $0) }
  }
}
