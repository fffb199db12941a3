import Foundation
import RecordChain

/// The ledger as CSV or JSON, for a technician with a USB stick: every field, levels by meaning.
public enum LedgerExport {
  /// The columns, in order, for both formats.
  public static let fields = [
    "seq", "uuid", "kind", "time", "wall_ms", "utc_offset_seconds", "boot_id", "monotonic_ns", "prompt_id",
    "source",
    "transaction_number", "service_item_code", "service_item_name", "staff_number", "window", "department",
    "stage",
    "level", "reasons", "checklist_version", "suspect_reason", "channel", "detail", "hash", "signature",
  ]

  static func values(_ record: LedgerRecord) -> [String?] {
    let entry = record.entry
    let transaction = entry.transaction
    return [
      String(record.seq), record.uuid, entry.kind.rawValue,
      ISOTime.format(milliseconds: record.time.wallMilliseconds, offsetSeconds: record.time.utcOffsetSeconds),
      String(record.time.wallMilliseconds), String(record.time.utcOffsetSeconds), record.time.bootID,
      String(record.time.monotonicNanoseconds), entry.promptID, entry.source, transaction?.number,
      transaction?.serviceItemCode, transaction?.serviceItemName, transaction?.staffNumber,
      transaction?.window,
      transaction?.department, transaction?.stage.rawValue, entry.level?.rawValue,
      entry.reasons.joined(separator: ";"), entry.checklistVersion, entry.suspectReason?.rawValue,
      entry.channel?.rawValue, entry.detail, Hex.encode(record.hash),
      Data(record.signature).base64EncodedString(),
    ]
  }

  /// RFC 4180 CSV with a header line.
  public static func csv(_ records: [LedgerRecord]) -> String {
    func quote(_ value: String?) -> String {
      guard let value else { return "" }
      guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
        return value
      }
      return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    var lines = [fields.joined(separator: ",")]
    for record in records { lines.append(values(record).map(quote).joined(separator: ",")) }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// A JSON array of objects; absent fields are null, reasons an array.
  public static func json(_ records: [LedgerRecord]) throws -> String {
    let objects: [[String: Any]] = records.map { record in
      var object: [String: Any] = [:]
      for (field, value) in zip(fields, values(record)) { object[field] = value ?? NSNull() }
      object["seq"] = record.seq
      object["wall_ms"] = record.time.wallMilliseconds
      object["utc_offset_seconds"] = Int(record.time.utcOffsetSeconds)
      object["monotonic_ns"] = record.time.monotonicNanoseconds
      object["reasons"] = record.entry.reasons
      return object
    }
    let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys])
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
