import Synchronization

/// Lets one task at a time through, in the order they came: SQLite's one connection, whose
/// transactions must not interleave across their awaits, and a device's pages at the intake.
final class AsyncTurn: Sendable {
  private let state = Mutex<(busy: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

  /// Returns when it is this task's turn; `release` ends it.
  func acquire() async {
    await withCheckedContinuation { (turn: CheckedContinuation<Void, Never>) in
      let now = state.withLock { state in
        guard state.busy else {
          state.busy = true
          return true
        }
        state.waiting.append(turn)
        return false
      }
      if now { turn.resume() }
    }
  }

  /// Ends the turn: the next task waiting takes it.
  func release() {
    let next = state.withLock { state in
      if state.waiting.isEmpty { state.busy = false }
      return state.waiting.isEmpty ? nil : state.waiting.removeFirst()
    }
    next?.resume()
  }

  /// Runs `body` in this task's turn.
  func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    await acquire()
    defer { release() }
    return try await body()
  }
}
