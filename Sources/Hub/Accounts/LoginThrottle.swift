/// How logins are slowed after failures: five in a row lock the account for 30 s, doubling with each
/// further failure up to 15 minutes; one address's failures on unknown names are held the same way
/// (in memory, per instance). A good login clears the count.
public struct LoginThrottle: Sendable {
  /// Failures allowed before the first lock.
  public static let freeFailures = 5
  /// The first lock, milliseconds.
  static let firstLock: Int64 = 30_000
  /// The longest lock, milliseconds.
  static let longestLock: Int64 = 15 * 60_000

  /// Until when to lock after the `failures`-th failure in a row at `now`; nil: not locked.
  public static func lock(afterFailures failures: Int, now: Int64) -> Int64? {
    guard failures >= freeFailures else { return nil }
    let doublings = min(failures - freeFailures, 10)
    return now + min(longestLock, firstLock << Int64(doublings))
  }
}
