/// An open touch panel, ready to read: its device, its contact decoder and the calibration in force.
public struct TouchPanel {
  /// The evdev node.
  public let device: TouchDevice
  /// Turns the panel's events into contact frames.
  public var decoder: ContactDecoder
  /// The calibration matrix in force: the panel's own udev rule wins over the configured one, as
  /// with libinput.
  public let calibration: [Double]
  /// True when `calibration` came from udev.
  public let calibratedByUdev: Bool

  /// Prepares `device`, calibrated by its udev rule if it has one, else by `configured`.
  public init(_ device: TouchDevice, configured: [Double], udev: UdevCalibration = UdevCalibration()) {
    self.device = device
    decoder = ContactDecoder(
      mode: device.mode, x: device.xRange, y: device.yRange, palmMajor: device.palmMajor)
    let own = udev.matrix(forDescriptor: device.fileDescriptor)
    calibration = own ?? configured
    calibratedByUdev = own != nil
  }

  /// Opens every panel under `directory` that is not in `excluding` and matches `pin` (any panel
  /// when nil); a panel passed over for the pin goes to `skipped`.
  public static func openAll(
    pin: String?, configured: [Double], excluding: Set<String> = [], directory: String = "/dev/input",
    skipped: (TouchDevice) -> Void = { _ in }
  ) -> [TouchPanel] {
    TouchDevice.discover(directory: directory, excluding: excluding).compactMap { device in
      if let pin, !device.matches(pin: pin) {
        skipped(device)
        return nil
      }
      return TouchPanel(device, configured: configured)
    }
  }
}
