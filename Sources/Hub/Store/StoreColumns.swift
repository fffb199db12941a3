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

  /// What a report by `dimension` selects as its device and key and groups on: for the hall, the
  /// device alone (the hall comes from the device card). Unless `perDevice`, a staff number's or a
  /// service item's tallies are not split by device (the unit is the value alone, and a quarter's
  /// tallies sort in half the time without it).
  static func grouping(_ dimension: SatisfactionReport.Dimension, perDevice: Bool = true) -> (
    device: String, key: String, groupBy: String
  ) {
    switch dimension {
    case .hall: ("device", "''", "device, level")
    case .window: ("device", "txn_window", "device, txn_window, level")
    case .department: ("device", "department", "device, department, level")
    case .staff: perDevice ? ("device", "staff", "device, staff, level") : ("''", "staff", "staff, level")
    case .serviceItem:
      perDevice
        ? ("device", "service_item", "device, service_item, level")
        : ("''", "service_item", "service_item, level")
    }
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
