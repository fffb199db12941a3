import Ledger
import SyncProtocol

/// The hub's time as the pad heard it: the answer to a push that carried a valid
/// acknowledgement, by its `hub_time_ms` (ratingpad-hub) or else its `Date` header. A pull
/// request's `Date` is not used: the network may hold a request for as long as it likes and the
/// pad cannot tell, while a push answer's is bounded by the pad's own round trip.
public struct HubTime: Sendable, Equatable {
  /// Longer round trips are not learned from: the hub's time is known only to within one.
  public static let longestRoundTrip = Duration.seconds(4)
  /// Milliseconds since 1970 a hub's stamp may have: anything else is nonsense (and could overflow).
  static let plausibleStamps: Range<Int64> = 0..<(1 << 50)

  /// The hub's time when the pad received the answer, milliseconds since 1970 UTC: the hub's
  /// stamp plus half the network's round trip (the stamp was made somewhere within it).
  public var wallMilliseconds: Int64
  /// CLOCK_MONOTONIC nanoseconds when the pad received it.
  public var monotonicNanoseconds: Int64
  /// From sending the request to receiving the answer, less the time the hub says it spent on it:
  /// what the network took, which bounds the error.
  public var roundTrip: Duration
  /// What the time was read from, for the `clock_learned` record: the field or header as it came.
  public var source: String

  /// Makes the time of a push answer received now to a request sent at monotonic `sentAt`: from
  /// `hubMilliseconds` when the hub sent it, else from the `Date` header (whole seconds, so its
  /// middle), or nil when there is neither. `hubReceivedMilliseconds`, when the hub sent it, takes
  /// the hub's own time out of the round trip.
  public init?(
    hubMilliseconds: Int64?, hubReceivedMilliseconds: Int64? = nil, dateHeader: String?,
    sentAtMonotonic sentAt: Int64
  ) {
    let now = SystemClock.monotonicNanoseconds()
    let elapsed = max(0, now - sentAt)
    let stamp: Int64
    var spentByHub: Int64 = 0
    if let hubMilliseconds {
      guard Self.plausibleStamps.contains(hubMilliseconds) else { return nil }
      stamp = hubMilliseconds
      source = "hub_time_ms \(hubMilliseconds) of a push answer"
      if let received = hubReceivedMilliseconds, Self.plausibleStamps.contains(received) {
        // Never more than the whole round trip, nor less than nothing, whatever the hub says.
        spentByHub = min(elapsed / 1_000_000, max(0, hubMilliseconds - received)) * 1_000_000
        source += " (the hub spent \(spentByHub / 1_000_000) ms storing it)"
      }
    } else if let dateHeader, let milliseconds = HTTPDate.parse(dateHeader) {
      stamp = milliseconds + 500
      source = "the Date header '\(dateHeader)' of a push answer"
    } else {
      return nil
    }
    let network = elapsed - spentByHub
    wallMilliseconds = stamp + network / 2_000_000
    monotonicNanoseconds = now
    roundTrip = .nanoseconds(network)
  }
}

/// Whoever wants the hub's time (the agent): called on the link's threads.
public final class HubTimeListener: Sendable {
  private let handler: @Sendable (HubTime) -> Void

  /// Makes a listener that hands each time heard to `handler`.
  public init(_ handler: @escaping @Sendable (HubTime) -> Void) { self.handler = handler }

  func heard(_ time: HubTime?) {
    if let time { handler(time) }
  }
}
