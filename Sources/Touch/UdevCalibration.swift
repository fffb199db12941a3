import Foundation

/// Reads a panel's `LIBINPUT_CALIBRATION_MATRIX` from udev's database, where a technician's udev
/// rule (Device/udev/70-ratingpad.rules) puts it, the same property libinput honours.
public struct UdevCalibration {
  /// udev's database of device properties.
  public var directory: String

  /// Reads from `directory` (udev's own by default).
  public init(directory: String = "/run/udev/data") { self.directory = directory }

  /// The matrix udev holds for the character device `major:minor`, nil when none (or unreadable).
  public func matrix(major: UInt32, minor: UInt32) -> [Double]? {
    guard let file = fopen("\(directory)/c\(major):\(minor)", "r") else { return nil }
    defer { fclose(file) }
    let prefix = "E:LIBINPUT_CALIBRATION_MATRIX="
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(line) }
    while getline(&line, &capacity, file) > 0, let line {
      let text = String(cString: line).trimmingCharacters(in: .whitespacesAndNewlines)
      if text.hasPrefix(prefix) {
        return TouchTransform.parseCalibration(String(text.dropFirst(prefix.count)))
      }
    }
    return nil
  }

  /// The matrix for the device open at `fd`.
  public func matrix(forDescriptor fd: Int32) -> [Double]? {
    var status = stat()
    guard fstat(fd, &status) == 0 else { return nil }
    // glibc's major()/minor() are macros Swift cannot see.
    let device = UInt64(status.st_rdev)
    let major = ((device >> 8) & 0xfff) | ((device >> 32) & ~0xfff)
    let minor = (device & 0xff) | ((device >> 12) & ~0xff)
    return matrix(major: UInt32(truncatingIfNeeded: major), minor: UInt32(truncatingIfNeeded: minor))
  }
}
