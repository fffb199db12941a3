import Foundation
import RecordChain

/// One column of the ledger export, in the order CSV writes them; the raw value is both the CSV
/// header and the JSON key, so the two formats cannot drift apart.
public enum ExportColumn: String, CaseIterable, CodingKey, Sendable {
  case seq, uuid, kind, time
  case wallMilliseconds = "wall_ms"
  case utcOffsetSeconds = "utc_offset_seconds"
  case bootID = "boot_id"
  case monotonicNanoseconds = "monotonic_ns"
  case promptID = "prompt_id"
  case source
  case transactionNumber = "transaction_number"
  case serviceItemCode = "service_item_code"
  case serviceItemName = "service_item_name"
  case staffNumber = "staff_number"
  case window, department, stage, level, reasons
  case checklistVersion = "checklist_version"
  case suspectReason = "suspect_reason"
  case channel, detail, hash, signature
  /// `known`, `unknown`, or empty for records written before the pad said (encoding version 1).
  case clockKnown = "clock_known"

  /// This column's value for `record`.
  func value(of record: LedgerRecord) -> ExportValue {
    let entry = record.entry
    let time = record.time
    let transaction = entry.transaction
    switch self {
    case .seq: return .integer(record.seq)
    case .uuid: return .text(record.uuid)
    case .kind: return .text(entry.kind.rawValue)
    case .time:
      return .text(ISOTime.format(milliseconds: time.wallMilliseconds, offsetSeconds: time.utcOffsetSeconds))
    case .wallMilliseconds: return .integer(time.wallMilliseconds)
    case .utcOffsetSeconds: return .integer(Int64(time.utcOffsetSeconds))
    case .bootID: return .text(time.bootID)
    case .monotonicNanoseconds: return .integer(time.monotonicNanoseconds)
    case .promptID: return .text(entry.promptID)
    case .source: return .text(entry.source)
    case .transactionNumber: return .text(transaction?.number)
    case .serviceItemCode: return .text(transaction?.serviceItemCode)
    case .serviceItemName: return .text(transaction?.serviceItemName)
    case .staffNumber: return .text(transaction?.staffNumber)
    case .window: return .text(transaction?.window)
    case .department: return .text(transaction?.department)
    case .stage: return .text(transaction?.stage.rawValue)
    case .level: return .text(entry.level?.rawValue)
    case .reasons: return .list(entry.reasons)
    case .checklistVersion: return .text(entry.checklistVersion)
    case .suspectReason: return .text(entry.suspectReason?.rawValue)
    case .channel: return .text(entry.channel?.rawValue)
    case .detail: return .text(entry.detail)
    case .hash: return .text(Hex.encode(record.hash))
    case .signature: return .text(Data(record.signature).base64EncodedString())
    case .clockKnown: return .text(time.clockKnown.map { $0 ? "known" : "unknown" })
    }
  }
}

/// A value of the export: JSON keeps its type (null, number, array), CSV writes it as text.
enum ExportValue: Encodable, Equatable {
  /// Text, or nothing (null in JSON, an empty cell in CSV).
  case text(String?)
  case integer(Int64)
  /// Reason codes: an array in JSON, joined by ";" in CSV (the CSV's separator is ",").
  case list([String])

  /// The CSV cell before quoting; nil for an empty cell.
  var csvText: String? {
    switch self {
    case .text(let text): text
    case .integer(let number): String(number)
    case .list(let items): items.joined(separator: ";")
    }
  }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .text(let text?): try container.encode(text)
    case .text(nil): try container.encodeNil()
    case .integer(let number): try container.encode(number)
    case .list(let items): try container.encode(items)
    }
  }
}

/// A record as one JSON object of the export: every column, absent fields as null.
struct ExportedRecord: Encodable {
  let record: LedgerRecord

  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: ExportColumn.self)
    for column in ExportColumn.allCases { try container.encode(column.value(of: record), forKey: column) }
  }
}
