import Foundation
import Synchronization

/// What the link knows about its own sync: shared by the push client, the API and health.
public final class LinkStatus: Sendable {
  private struct State {
    var lastSyncMilliseconds: Int64?
    var deadLetters: [DeadLetter] = []
    var reachable = false
  }

  private let state = Mutex(State())
  private let hubTimeListener = Mutex<HubTimeListener?>(nil)

  /// Hands every hub time heard over an authenticated exchange to `listener` (the agent).
  public func listenForHubTime(_ listener: HubTimeListener) { hubTimeListener.withLock { $0 = listener } }

  /// The hub's time was heard over an authenticated exchange.
  func heard(_ time: HubTime?) { hubTimeListener.withLock { $0 }?.heard(time) }

  /// Makes an empty status.
  public init() {}

  /// A push or an acknowledged pull just succeeded.
  public func synced() {
    let now = Int64(Date().timeIntervalSince1970 * 1000)
    state.withLock {
      $0.lastSyncMilliseconds = now
      $0.reachable = true
    }
  }

  /// A push attempt failed; the network counts as unreachable until one succeeds.
  public func failed() { state.withLock { $0.reachable = false } }

  /// The hub refused a batch: keep it in view.
  public func deadLettered(_ letter: DeadLetter) { state.withLock { $0.deadLetters.append(letter) } }

  /// When the last sync succeeded.
  public var lastSyncMilliseconds: Int64? { state.withLock { $0.lastSyncMilliseconds } }
  /// Batches the hub refused since start.
  public var deadLetters: [DeadLetter] { state.withLock { $0.deadLetters } }
  /// Whether the last push attempt succeeded.
  public var reachable: Bool { state.withLock { $0.reachable } }
}

/// A batch the hub refused with a 4xx: its records stay in the ledger, unacknowledged.
public struct DeadLetter: Sendable, Equatable {
  /// The first and last seq of the batch.
  public var seqs: ClosedRange<Int64>
  /// The hub's status code and answer.
  public var reason: String
}
