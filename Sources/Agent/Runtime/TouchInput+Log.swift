import Logging
import RatingFlow
import RatingModel
import Touch

extension TouchInput.News {
  /// Logs what happened to the panels; `pin` is the configured panel, if one is.
  func log(to logger: Logger, pin: String?) {
    switch self {
    case .opened(let panel):
      logger.info(
        "touch: \(panel.device.path) \(panel.device.name), calibration \(panel.calibration) from \(panel.calibratedByUdev ? "udev" : "the configuration")"
      )
    case .passedOver(let device):
      logger.info(
        "touch: \(device.path) \(device.name) (\(device.vendorProduct)) is not the pinned \(pin ?? "")")
    case .lost(let path):
      logger.critical("\(FaultCode.touchPanelLost(path: path).logLine)")
    case .noHotplug(let error):
      logger.error("touch hotplug: \(error); a panel plugged in later needs a restart")
    case .scanned:
      break
    case .notGrabbed(let path):
      logger.warning("touch: \(path) is grabbed by another program; taps on the rating may reach it too")
    }
  }
}
