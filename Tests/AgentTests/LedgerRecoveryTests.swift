import Logging
import RatingFlow
import RatingModel
import RecordChain
import Testing

@testable import Agent

/// A pad out of service for E-LEDGER-WRITE comes back once the ledger takes a write again, and
/// stays out while it does not.
@Suite struct LedgerRecoveryTests {
  struct DiskFull: Error, CustomStringConvertible { var description: String { "database or disk is full" } }

  /// A ledger that refuses writes until told otherwise, and keeps what it took.
  final class Disk {
    var full = true
    var written: [LedgerEntry] = []
    func write(_ entries: [LedgerEntry]) throws {
      if full { throw DiskFull() }
      written += entries
    }
  }

  @Test func thePadIsBackInServiceOnceTheDiskIs() throws {
    let disk = Disk()
    let controller = PadController(
      flow: RatingFlow(), commit: { _ in },
      isRated: { _ in false }, show: { _ in }, newPromptID: { PromptID("p") })
    var recovery = LedgerRecovery(interval: .seconds(10), logger: Logger(label: "test")) {
      try disk.write([$0])
    }
    let t0 = FlowInstant(nanoseconds: 1_000_000_000)
    #expect(recovery.nextDeadline(controller, now: t0) == nil)
    // What the controller does when a commit fails (PadController.apply).
    controller.enterFault(.ledgerWrite(DiskFull()))
    // The loop wakes at once to schedule the first try, 10 s on.
    #expect(recovery.nextDeadline(controller, now: t0) == t0)
    recovery.retryIfDue(controller, at: t0)
    #expect(recovery.nextDeadline(controller, now: t0) == t0 + .seconds(10))
    // Still full: still out, tried again 10 s later.
    recovery.retryIfDue(controller, at: t0 + .seconds(10))
    #expect(controller.fault != nil && disk.written.isEmpty)
    #expect(recovery.nextDeadline(controller, now: t0) == t0 + .seconds(20))
    // Space is freed: the next try is on disk, says what happened, and the pad is in service.
    disk.full = false
    recovery.retryIfDue(controller, at: t0 + .seconds(20))
    #expect(controller.fault == nil && controller.flow.screen == .idle)
    #expect(disk.written.map(\.kind) == [.fault])
    #expect(disk.written.first?.detail?.contains("E-LEDGER-WRITE: database or disk is full") == true)
    #expect(recovery.nextDeadline(controller, now: t0 + .seconds(20)) == nil)
  }
}
