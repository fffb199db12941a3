import RatingFlow
import SyncProtocol

/// How many ratings one device recorded at one level for one value of a report's dimension (its
/// window, staff number, service item or department; empty for the hall): a row of the stores'
/// `GROUP BY`, so a report never loads the records themselves.
public struct RatingTally: Sendable, Equatable {
  /// Key fingerprint.
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

/// The columns a stored record is queried by, besides its device, seq, kind and body: written
/// with the record, so reports are aggregates over columns and indexes, not over JSON.
struct RecordColumns {
  /// Every one of them, in the order `values` gives them.
  static let names = ["wall_ms", "level", "txn_window", "staff", "service_item", "department", "prompt_id"]

  let wallMilliseconds: Int64
  let texts: [String]

  init(_ record: WireRecord) {
    wallMilliseconds = record.wallMilliseconds
    let transaction = record.transaction
    texts = [
      record.level ?? "", transaction?.window ?? "", transaction?.staffNumber ?? "",
      transaction?.serviceItemCode ?? "", transaction?.department ?? "", record.promptID ?? "",
    ]
  }

  /// What a report by `dimension` selects as its key and groups on (for the hall, the device
  /// alone: the hall comes from the device card).
  static func grouping(_ dimension: SatisfactionReport.Dimension) -> (key: String, groupBy: String) {
    let column: String? =
      switch dimension {
      case .hall: nil
      case .window: "txn_window"
      case .staff: "staff"
      case .serviceItem: "service_item"
      case .department: "department"
      }
    guard let column else { return ("''", "device, level") }
    return (column, "device, \(column), level")
  }

  /// Where a JSON body keeps each text column, for filling the columns of records stored before
  /// they existed.
  static let jsonPaths: [(column: String, path: [String])] = [
    ("level", ["level"]), ("txn_window", ["transaction", "window"]),
    ("staff", ["transaction", "staff_number"]),
    ("service_item", ["transaction", "service_item_code"]), ("department", ["transaction", "department"]),
    ("prompt_id", ["prompt_id"]),
  ]

  /// The bad levels' stored names, for the follow-up list.
  static let badLevels = SatisfactionLevel.allCases.filter(\.isBad).map(\.rawValue)
}

extension ReportPeriod? {
  /// The period's milliseconds, or all of time.
  var bounds: (from: Int64, to: Int64) {
    guard let range = self?.milliseconds else { return (Int64.min, Int64.max) }
    return (range.lowerBound, range.upperBound)
  }
}
