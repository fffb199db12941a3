import SyncProtocol
import Foundation
import RecordChain
import Synchronization

/// What the link knows about its own sync: shared by the push client, the API and health.
public final class LinkStatus: Sendable {
  private struct State {
    var lastSyncMilliseconds: Int64?
    var deadLetters: [DeadLetter] = []
    var reachable = false
    var wantsHubTime = false
    var unknownToHub: String?
  }

  private let state = Mutex(State())
  private let hubTimeListener = Mutex<HubTimeListener?>(nil)

  /// Hands every hub time heard over an authenticated exchange to `listener` (the agent).
  public func listenForHubTime(_ listener: HubTimeListener) { hubTimeListener.withLock { $0 = listener } }

  /// The hub's time was heard over an authenticated exchange.
  func heard(_ time: HubTime?) { hubTimeListener.withLock { $0 }?.heard(time) }

  /// Whether the pad's clock is unknown, so the push client asks the hub's time even with
  /// nothing to push; the agent says so at start and after each time it learns.
  public func wantHubTime(_ wanted: Bool) { state.withLock { $0.wantsHubTime = wanted } }

  /// Whether the push client should ask the hub's time.
  public var wantsHubTime: Bool { state.withLock { $0.wantsHubTime } }

  /// Woken by each authenticated pull: the link is up, so a time request waiting out its
  /// backoff goes at once.
  let hubPulled = WakeSignal()

  /// The hub called with its token.
  func pulled() { if wantsHubTime { hubPulled.wake() } }

  /// Makes an empty status.
  public init() {}

  /// A push or an acknowledged pull just succeeded.
  public func synced() {
    let now = UnixMilliseconds.now()
    state.withLock {
      $0.lastSyncMilliseconds = now
      $0.reachable = true
      $0.unknownToHub = nil
    }
  }

  /// The hub does not know this pad (yet): it was not enrolled, or enrolled with another token.
  func unknownToHub(_ answer: String) { state.withLock { $0.unknownToHub = answer } }

  /// The hub's answer while it does not know this pad (yet), nil once a push or pull succeeds.
  public var waitingForEnrolment: String? { state.withLock { $0.unknownToHub } }

  /// A push attempt failed; the network counts as unreachable until one succeeds.
  public func failed() { state.withLock { $0.reachable = false } }

  /// The hub refused a batch: keep it in view.
  public func deadLettered(_ letter: DeadLetter) { state.withLock { $0.deadLetters.append(letter) } }

  /// Forgets the dead letters the cursor has passed (a pull acknowledged past them).
  func deliveredDeadLetters(through cursor: Int64) {
    state.withLock { $0.deadLetters.removeAll { $0.seqs.upperBound <= cursor } }
  }

  /// An operator fixed what the hub refused: the dead letters are sent again; returns how many.
  public func resendDeadLetters() -> Int {
    let count = state.withLock { state in
      defer { state.deadLetters.removeAll() }
      return state.deadLetters.count
    }
    pushWanted.wake()
    return count
  }

  /// Wakes the push client: a record was committed, or dead letters are to be sent again.
  let pushWanted = WakeSignal()

  /// When the last sync succeeded.
  public var lastSyncMilliseconds: Int64? { state.withLock { $0.lastSyncMilliseconds } }
  /// Batches the hub refused that still block the push (until a pull passes them or they are
  /// sent again).
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
