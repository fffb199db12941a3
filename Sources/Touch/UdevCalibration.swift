import Glibc

/// Where a device's properties come from: libudev on a pad, a table in tests.
protocol DeviceProperties {
  /// The value of `property` for the character device numbered `device`, nil when it has none.
  func property(_ name: String, ofCharacterDevice device: dev_t) -> String?
}

extension Udev: DeviceProperties {}

/// Reads a panel's `LIBINPUT_CALIBRATION_MATRIX`, which a technician's udev rule
/// (Device/udev/70-ratingpad.rules) sets, through libudev: the same property libinput honours.
public struct UdevCalibration {
  private let properties: (any DeviceProperties)?

  /// Reads through libudev.
  public init() { properties = Udev() }

  /// Reads from `properties` (tests).
  init(properties: any DeviceProperties) { self.properties = properties }

  /// The property's name.
  static let property = "LIBINPUT_CALIBRATION_MATRIX"

  /// The matrix udev holds for the character device numbered `device`; nil when none, or when it
  /// is malformed (never half-applied).
  func matrix(forDevice device: dev_t) -> [Double]? {
    properties?.property(Self.property, ofCharacterDevice: device).flatMap(TouchTransform.parseCalibration)
  }

  /// The matrix for the device open at `fd`.
  public func matrix(forDescriptor fd: Int32) -> [Double]? {
    var status = stat()
    guard fstat(fd, &status) == 0 else { return nil }
    return matrix(forDevice: status.st_rdev)
  }
}
