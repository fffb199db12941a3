import NIOPosix

/// The one thread a SQLite connection is used on, so its blocking calls (reads, commits that wait
/// for fsync) never hold one of the few threads of Swift's cooperative pool.
///
/// Work runs one item at a time in the order it was given, so the connection needs no lock.
public final class SQLiteThread: Sendable {
  private let pool = NIOThreadPool(numberOfThreads: 1)

  /// Starts the thread.
  public init() { pool.start() }

  /// Runs `body` on the thread and returns what it returns; the caller's task waits without
  /// blocking its own thread.
  public func run<T: Sendable, Failure: Error>(_ body: @escaping @Sendable () throws(Failure) -> T)
    async throws(Failure) -> T
  {
    let result: Result<T, Failure> = await withCheckedContinuation { done in
      // The pool stops only in deinit, when no work can be waiting (each item holds its owner),
      // so every item runs.
      pool.submit { _ in done.resume(returning: Result(catching: body)) }
    }
    return try result.get()
  }

  deinit { pool.shutdownGracefully { _ in } }
}
