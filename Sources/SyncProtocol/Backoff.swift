/// Exponential backoff with full jitter: after n failures wait a uniform random time in
/// [0, min(cap, base · 2^n)], so hundreds of pads coming back together do not strike the hub at once.
public struct Backoff: Sendable, Hashable {
  /// The first ceiling.
  public var base: Duration
  /// The largest ceiling.
  public var cap: Duration

  /// Base 5 s and cap 10 min unless configured.
  public init(base: Duration = .seconds(5), cap: Duration = .seconds(600)) {
    self.base = base
    self.cap = cap
  }

  /// The ceiling after `failures` failures in a row.
  public func ceiling(afterFailures failures: Int) -> Duration {
    guard failures > 0 else { return .zero }
    let exponent = min(failures - 1, 30)
    let grown = base * (1 << exponent)
    return grown < cap ? grown : cap
  }

  /// The wait after `failures` failures, with `unit` a random number in [0, 1).
  public func delay(afterFailures failures: Int, unit: Double) -> Duration {
    ceiling(afterFailures: failures) * unit
  }
}
