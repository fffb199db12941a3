import Foundation
import RatingModel
import RecordChain
import SyncProtocol

/// Ratings as CSV for a provincial system: levels in the target's numbering, the channel as its code.
public enum RatingExport {
  /// The columns, in order.
  public static let columns = [
    "device", "seq", "uuid", "time", "area_code", "department", "hall", "window", "staff_number",
    "transaction_number", "service_item_code", "stage", "satisfaction", "level", "reasons", "channel",
    // `time` is the hub's time; these say how it stands (`ClockCorrection.Standing`) and what the pad stamped.
    "clock", "pad_time",
  ]

  /// One line per rating, with its reasons joined by commas as provincial interfaces expect.
  public static func csv(records: [StoredRecord], devices: [EnrolledDevice], numbering: LevelNumbering)
    -> String
  {
    let cards = Dictionary(devices.map { ($0.fingerprint, $0.card) }, uniquingKeysWith: { first, _ in first })
    var reasons: [String: [String]] = [:]
    for stored in records where stored.record.kind == "reasons" {
      if let prompt = stored.record.promptID { reasons[stored.device + "/" + prompt] = stored.record.reasons }
    }
    var lines = [columns.joined(separator: ",")]
    for stored in records where stored.record.kind == "rating" {
      let record = stored.record
      guard let raw = record.level, let level = try? SatisfactionLevel(stored: raw) else { continue }
      let card = cards[stored.device]
      let transaction = record.transaction
      let channel = record.channel.flatMap(Channel.init(rawValue:))
      let fields: [String] = [
        stored.device, String(record.seq), record.uuid,
        ISOTime.format(milliseconds: stored.wallMilliseconds, offsetSeconds: record.utcOffsetSeconds),
        card?.areaCode ?? "", transaction?.department ?? card?.department ?? "", card?.hall ?? "",
        transaction?.window ?? card?.window ?? "", transaction?.staffNumber ?? "", transaction?.number ?? "",
        transaction?.serviceItemCode ?? "", transaction?.stage ?? "", String(numbering.number(for: level)),
        level.rawValue,
        (record.promptID.flatMap { reasons[stored.device + "/" + $0] } ?? []).joined(separator: ","),
        channel.map { String($0.provincialCode) } ?? "",
        stored.clock.rawValue,
        ISOTime.format(milliseconds: record.wallMilliseconds, offsetSeconds: record.utcOffsetSeconds),
      ]
      lines.append(fields.map(quote).joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  private static func quote(_ value: String) -> String {
    guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
    return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
