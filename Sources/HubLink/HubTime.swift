import Glibc
import SyncProtocol

/// The hub's time as the pad heard it over an authenticated exchange: the `Date` header of a push
/// answer that carried a valid acknowledgement, or of a pull request with a valid hub token.
public struct HubTime: Sendable, Equatable {
  /// The header's time, milliseconds since 1970 UTC, plus half a second: the header has whole
  /// seconds only, so the middle of that second is the best guess.
  public var wallMilliseconds: Int64
  /// CLOCK_MONOTONIC nanoseconds when the pad received it.
  public var monotonicNanoseconds: Int64
  /// The header as it came.
  public var header: String
  /// `push answer` or `pull request`.
  public var via: String

  /// Makes a time heard now, or nil when `header` is no HTTP date.
  public init?(header: String?, via: String) {
    guard let header, let milliseconds = HTTPDate.parse(header) else { return nil }
    var monotonic = timespec()
    clock_gettime(CLOCK_MONOTONIC, &monotonic)
    self.wallMilliseconds = milliseconds + 500
    self.monotonicNanoseconds = Int64(monotonic.tv_sec) * 1_000_000_000 + Int64(monotonic.tv_nsec)
    self.header = header
    self.via = via
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
