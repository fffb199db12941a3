import Logging
import RatingFlow
import RatingModel
import RecordChain

/// Brings the pad back into service once the ledger takes writes again: while the controller is
/// out of service for E-LEDGER-WRITE, a `fault` record saying what happened is tried every
/// `interval`; the first that is on disk ends the fault. A disk that stays full or broken keeps
/// the pad out, and says so each time.
struct LedgerRecovery {
  private let interval: Duration
  private let write: (LedgerEntry) throws -> Void
  private let logger: Logger
  private var nextTry: FlowInstant?

  /// Tries `write` every `interval` while the pad is out of service for the ledger.
  init(interval: Duration = .seconds(10), logger: Logger, write: @escaping (LedgerEntry) throws -> Void) {
    self.interval = interval
    self.logger = logger
    self.write = write
  }

  /// When the next try is due: nil while the ledger is not the fault; `now` when it has just
  /// become so, so that the loop wakes to schedule it.
  func nextDeadline(_ controller: PadController, now: FlowInstant) -> FlowInstant? {
    guard case .ledgerWrite? = controller.fault else { return nil }
    return nextTry ?? now
  }

  /// Tries again if the ledger is the controller's fault and it is time.
  mutating func retryIfDue(_ controller: PadController, at now: FlowInstant) {
    guard case .ledgerWrite(let error)? = controller.fault else {
      nextTry = nil
      return
    }
    guard let due = nextTry else {
      nextTry = now + interval
      return
    }
    guard now >= due else { return }
    do {
      try write(.device(.fault, detail: "E-LEDGER-WRITE: \(error); writes work again, back in service"))
      logger.info("ledger: writes work again; in service")
      nextTry = nil
      controller.clearFault()
    } catch {
      logger.error("ledger: still refusing writes: \(error)")
      nextTry = now + interval
    }
  }
}
