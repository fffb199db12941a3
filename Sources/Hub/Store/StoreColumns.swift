import RatingModel
import SyncProtocol

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

  /// The condition that selects bad ratings, written as the partial index `records_bad_ratings`
  /// says it (SQLite uses a partial index only for a query that repeats its condition).
  static let badRating =
    "kind = 'rating' AND level IN (\(badLevels.map { "'\($0)'" }.joined(separator: ", ")))"
}

/// The columns of a stored record's time (added for pads that may boot without a clock): the
/// pad's own stamp, its boot and monotonic clock, and how the hub's time (`wall_ms`, what
/// reports and exports use) stands (`ClockCorrection.Standing`).
enum TimeColumns {
  /// Every one of them, in the order `values` gives them.
  static let names = ["pad_wall_ms", "boot_id", "mono_ns", "clock"]
}
