import Ledger
import Logging
import RatingFlow
import RatingModel

/// Prunes acknowledged records past retention from the ledger: at start, then hourly.
struct LedgerPruner {
  private let ledger: LedgerStore
  private let retentionDays: Int
  private let logger: Logger
  /// When the next pruning is due.
  private(set) var nextPrune: FlowInstant
  private static let interval = Duration.seconds(3600)

  /// Prunes `ledger` of what is older than `retentionDays`, the first time at `now`.
  init(ledger: LedgerStore, retentionDays: Int, logger: Logger, now: FlowInstant) {
    self.ledger = ledger
    self.retentionDays = retentionDays
    self.logger = logger
    nextPrune = now
  }

  /// Prunes if it is time; a failure is logged and tried again an hour later.
  mutating func pruneIfDue(at now: FlowInstant) {
    guard now >= nextPrune else { return }
    nextPrune = now + Self.interval
    do {
      let pruned = try ledger.prune(now: .now(), retention: .seconds(retentionDays * 86_400))
      if pruned > 0 {
        logger.info("pruned \(pruned) acknowledged records older than \(retentionDays) days")
      }
    } catch {
      logger.error("pruning the ledger failed: \(error)")
    }
  }
}
