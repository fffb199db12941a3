import Ledger
import SyncProtocol

/// The hub's time as the pad heard it: the answer to a push that carried a valid
/// acknowledgement, by its `hub_time_ms` (ratingpad-hub) or else its `Date` header. A pull
/// request's `Date` is not used: the network may hold a request for as long as it likes and the
/// pad cannot tell, while a push answer's is bounded by the pad's own round trip.
public struct HubTime: Sendable, Equatable {
  /// Longer round trips are not learned from: the hub's time is known only to within one.
  public static let longestRoundTrip = Duration.seconds(4)

  /// The hub's time when the pad received the answer, milliseconds since 1970 UTC: the hub's
  /// stamp plus half the round trip (the stamp was made somewhere within it).
  public var wallMilliseconds: Int64
  /// CLOCK_MONOTONIC nanoseconds when the pad received it.
  public var monotonicNanoseconds: Int64
  /// From sending the request to receiving the answer.
  public var roundTrip: Duration
  /// What the time was read from, for the `clock_learned` record: the field or header as it came.
  public var source: String

  /// Makes the time of a push answer received now to a request sent at monotonic `sentAt`: from
  /// `hubMilliseconds` when the hub sent it, else from the `Date` header (whole seconds, so its
  /// middle), or nil when there is neither.
  public init?(hubMilliseconds: Int64?, dateHeader: String?, sentAtMonotonic sentAt: Int64) {
    let stamp: Int64
    if let hubMilliseconds {
      stamp = hubMilliseconds
      source = "hub_time_ms \(hubMilliseconds) of a push answer"
    } else if let dateHeader, let milliseconds = HTTPDate.parse(dateHeader) {
      stamp = milliseconds + 500
      source = "the Date header '\(dateHeader)' of a push answer"
    } else {
      return nil
    }
    let now = SystemClock.monotonicNanoseconds()
    let roundTripNanoseconds = max(0, now - sentAt)
    wallMilliseconds = stamp + roundTripNanoseconds / 2_000_000
    monotonicNanoseconds = now
    roundTrip = .nanoseconds(roundTripNanoseconds)
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
