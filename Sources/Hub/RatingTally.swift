import RatingModel
import SyncProtocol

/// How many ratings one device recorded at one level for one value of a report's dimension (its
/// window, staff number, service item or department; empty for the hall): a row of the stores'
/// `GROUP BY`, so a report never loads the records themselves.
public struct RatingTally: Sendable, Equatable {
  /// Key fingerprint ("" in the console's tallies by staff or service item, whose units do not
  /// depend on the device).
  public var device: String
  /// The dimension's value as the transaction gave it ("" when it gave none).
  public var key: String
  public var level: SatisfactionLevel
  public var count: Int

  /// Makes a tally.
  public init(device: String, key: String, level: SatisfactionLevel, count: Int) {
    self.device = device
    self.key = key
    self.level = level
    self.count = count
  }
}

extension ReportPeriod? {
  /// The period's milliseconds, or all of time.
  var bounds: (from: Int64, to: Int64) {
    guard let range = self?.milliseconds else { return (Int64.min, Int64.max) }
    return (range.lowerBound, range.upperBound)
  }
}
