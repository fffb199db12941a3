import Logging
import RatingFlow
import RatingModel

/// When a missing part takes the pad out of service and when it comes back: no touch panel means
/// no rating can be made, so the pad says so on the screen and to the counter system (whose
/// prompts are refused) until a panel comes back. A ledger that refuses a write is the
/// controller's own fault (`PadController`).
final class FaultPolicy {
  private let controller: PadController
  private let pin: String?
  private let logger: Logger

  /// Rules over `controller`'s out-of-service screen; `pin` names the panel looked for.
  init(controller: PadController, pin: String?, logger: Logger) {
    self.controller = controller
    self.pin = pin
    self.logger = logger
  }

  /// `panels` touch panels are open now. The fault is raised only once no prompt is open, so an
  /// open one still ends as recorded; hence this is asked again every turn of the loop.
  func touchPanels(_ panels: Int) {
    let shown: Bool
    if case .noTouchPanel? = controller.fault { shown = true } else { shown = false }
    if panels == 0 && !shown && controller.flow.screen == .idle {
      let fault = FaultCode.noTouchPanel(pin: pin)
      logger.critical("\(fault.logLine)")
      controller.enterFault(fault)
    } else if panels > 0 && shown {
      logger.info("touch: a panel is back; in service again")
      controller.clearFault()
    }
  }
}
