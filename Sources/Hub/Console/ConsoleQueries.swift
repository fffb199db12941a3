/// What the console reads of the stored ratings beyond the reports: one line per rating, by the
/// time it was made or by the time it arrived (the live feed), within a user's scope.
public protocol ConsoleQueries: Sendable {
  /// The ratings made in `range` (milliseconds since the epoch) within `scope`, newest first, at
  /// most `limit`.
  func ratingLines(madeIn range: Range<Int64>, scope: RatingScope, limit: Int) async throws -> [RatingLine]
  /// The ratings that arrived at or after `received` (any hub instance's clock), oldest first, at
  /// most `limit`.
  func ratingLines(arrivedSince received: Int64, limit: Int) async throws -> [RatingLine]
}

/// One stored rating as the console lists it.
public struct RatingLine: Sendable, Equatable {
  /// The record's uuid: the rating's identity for the follow-up.
  public var uuid: String
  /// The device's key fingerprint.
  public var device: String
  /// When it was made (the hub's time) and when it arrived, milliseconds since the epoch.
  public var wallMilliseconds: Int64
  public var receivedMilliseconds: Int64
  /// The level's stored name (`SatisfactionLevel.rawValue`).
  public var level: String
  /// The transaction's window, staff number, department and service item ("" when none).
  public var window: String
  public var staffNumber: String
  public var department: String
  public var serviceItem: String
}
