import HubLink
import SyncProtocol

/// The counter system signs clerks in and out; carried onto the event loop's thread, where the
/// ledger is written and the idle card redrawn.
extension PadAgent {
  public func signIn(_ clerk: ClerkSignIn) async throws -> Int64 {
    try await onLoop { agent in Result { try agent.clerks.signIn(clerk) }.map { agent.redrawn($0) } }.get()
  }

  public func signOut() async throws -> Int64 {
    try await onLoop { agent in Result { try agent.clerks.signOut() }.map { agent.redrawn($0) } }.get()
  }

  public func clerkOnDuty() async -> ClerkState {
    await onLoop { $0.clerks.state }
  }

  /// Shows the changed card now (if idle), and passes `value` on.
  private func redrawn<T>(_ value: T) -> T {
    presenter.present(controller.flow.screen, at: MonotonicClock.now())
    return value
  }
}
