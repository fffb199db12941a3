import Foundation
import Logging
import Synchronization
import SyncProtocol

/// The ratings arriving at the hub, handed to every open today page as they come: read from the
/// database by arrival, so a console on any hub instance sharing it sees every instance's ratings.
/// Looked for at once when this instance stores (`wake`), and every second for the others'.
final class LiveRatings: Sendable {
  private let store: any ConsoleQueries
  private let logger: Logger
  /// Woken when this instance stores records.
  private let wake: WakeSignal
  private let listeners = Mutex<[UUID: AsyncStream<RatingLine?>.Continuation]>([:])

  /// Another instance stamps arrival with its own clock and may commit a little after stamping, so
  /// each look reaches this far back, and the ratings already handed out are skipped.
  static let overlap: Int64 = 15_000
  /// How often the database is looked at without a wake.
  static let interval: Duration = .seconds(1)

  init(store: any ConsoleQueries, wake: WakeSignal, logger: Logger) {
    self.store = store
    self.wake = wake
    self.logger = logger
  }

  /// The ratings arriving from now on, until the stream is dropped; nil after each look (about
  /// every second), so a listener can show it is alive.
  func subscribe() -> AsyncStream<RatingLine?> {
    let id = UUID()
    let (stream, continuation) = AsyncStream<RatingLine?>.makeStream(bufferingPolicy: .bufferingNewest(200))
    continuation.onTermination = { [weak self] _ in
      _ = self?.listeners.withLock { $0.removeValue(forKey: id) }
    }
    listeners.withLock { $0[id] = continuation }
    return stream
  }

  /// Looks for arrivals until cancelled.
  func run() async {
    var since = Int64(Date().timeIntervalSince1970 * 1000)
    var handedOut: [String: Int64] = [:]
    var lastProblem: String?
    while !Task.isCancelled {
      // With no page open there is no one to hand a rating to: the database is not asked.
      if listeners.withLock({ $0.isEmpty }) {
        since = max(since, Int64(Date().timeIntervalSince1970 * 1000))
        handedOut = [:]
        await wake.wait(upTo: Self.interval)
        continue
      }
      do {
        let lines = try await store.ratingLines(arrivedSince: since - Self.overlap, limit: 1000)
        lastProblem = nil
        for line in lines where handedOut[line.uuid] == nil {
          handedOut[line.uuid] = line.receivedMilliseconds
          let targets = listeners.withLock { Array($0.values) }
          for target in targets { target.yield(line) }
        }
        since = max(since, lines.last?.receivedMilliseconds ?? since)
        for target in listeners.withLock({ Array($0.values) }) { target.yield(nil) }
        handedOut = handedOut.filter { $0.value >= since - Self.overlap }
      } catch {
        let problem = "\(error)"
        if problem != lastProblem { logger.warning("console live feed: \(problem)") }
        lastProblem = problem
      }
      await wake.wait(upTo: Self.interval)
    }
  }
}
