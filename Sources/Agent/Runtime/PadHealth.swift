import HubLink
import RatingFlow
import RatingModel

/// The pad's health as the hub's `/v1/health` and `ratingpad status` see it: screen, touch and the
/// faults raised now, worked out from what the parts say (it keeps no state of its own).
struct PadHealth {
  /// No display and no touch by design (tests, benchmarks, scripted runs).
  var headless: Bool
  /// The fault the out-of-service screen shows, if any.
  var shownFault: FaultCode?
  /// Why the display shows nothing, if it does not.
  var displayFault: FaultCode?
  /// How many touch panels are open.
  var panels: Int
  /// Why the pad cannot speak, when `[voice]` is on and it cannot.
  var voiceFault: FaultCode? = nil
  /// Whether the pad knows the wall time (`PadClock.summary`).
  var clock: String? = nil

  /// The report.
  var report: DeviceHealth {
    guard !headless else {
      return DeviceHealth(
        screen: "headless", touch: "headless", faults: shownFault.map { [$0.text] } ?? [], clockKnown: clock)
    }
    var faults = shownFault.map { [$0.text] } ?? []
    if let displayFault { faults.append(displayFault.code) }
    if panels == 0, !Self.isNoTouchPanel(shownFault) {
      faults.append(FaultCode.noTouchPanel(pin: nil).code)
    }
    if let voiceFault { faults.append(voiceFault.code) }
    return DeviceHealth(
      screen: displayFault?.summary ?? "ok", touch: panels == 0 ? "none" : "ok (\(panels) panels)",
      faults: faults, clockKnown: clock)
  }

  private static func isNoTouchPanel(_ fault: FaultCode?) -> Bool {
    if case .noTouchPanel? = fault { return true }
    return false
  }
}
