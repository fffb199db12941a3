import Synchronization

/// Lets one task at a time through, in the order they came: SQLite has one connection, and a
/// transaction's statements must not interleave with another task's across its awaits.
final class AsyncTurn: Sendable {
  private let state = Mutex<(busy: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

  /// Runs `body` when it is this task's turn.
  func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
    await withCheckedContinuation { (turn: CheckedContinuation<Void, Never>) in
      let now = state.withLock { state in
        if state.busy {
          state.waiting.append(turn)
          return false
        }
        state.busy = true
        return true
      }
      if now { turn.resume() }
    }
    defer {
      let next = state.withLock { state in
        if state.waiting.isEmpty {
          state.busy = false
          return nil as CheckedContinuation<Void, Never>?
        }
        return state.waiting.removeFirst()
      }
      next?.resume()
    }
    return try await body()
  }
}
