import Foundation
import RatingModel
import RecordChain
import SQLite

/// Converts records to and from rows of the `records` table.
enum RecordRow {
  /// The values to insert; `boot` and `origin` are row ids in `boots` and `origins`.
  static func values(_ record: LedgerRecord, boot: Int64, origin: Int64) -> [SQLiteValue] {
    let entry = record.entry
    let transaction = entry.transaction
    return [
      .integer(record.seq), compactID(record.uuid), .text(entry.kind.rawValue),
      .integer(record.time.wallMilliseconds), .integer(Int64(record.time.utcOffsetSeconds)), .integer(boot),
      .integer(record.time.monotonicNanoseconds), entry.promptID.map(compactID) ?? .null, .integer(origin),
      SQLiteValue(transaction?.number), SQLiteValue(transaction?.serviceItemCode),
      SQLiteValue(transaction?.serviceItemName), SQLiteValue(transaction?.stage.rawValue),
      SQLiteValue(entry.level?.rawValue), .text(entry.reasons.joined(separator: ",")),
      SQLiteValue(entry.checklistVersion), SQLiteValue(entry.suspectReason?.rawValue),
      SQLiteValue(entry.detail),
      .blob(record.hash), .blob(record.signature),
      record.time.clockKnown.map { SQLiteValue.integer($0 ? 1 : 0) } ?? .null,
    ]
  }

  /// The `origins` columns and values of a record: what repeats from one record to the next.
  static func origin(_ entry: LedgerEntry) -> (columns: [String], values: [SQLiteValue]) {
    let transaction = entry.transaction
    return (
      ["source", "channel", "staff_number", "window", "department"],
      [
        SQLiteValue(entry.source), SQLiteValue(entry.channel?.rawValue),
        SQLiteValue(transaction?.staffNumber),
        SQLiteValue(transaction?.window), SQLiteValue(transaction?.department),
      ]
    )
  }

  /// Reads the current row of a statement selecting `LedgerSchema.selection`.
  static func record(from statement: SQLiteStatement) throws(LedgerError) -> LedgerRecord {
    let seq = statement.value(at: 0).integer ?? -1
    func text(_ column: Int32) -> String? {
      let value = statement.value(at: column)
      if let bytes = value.blob, bytes.count == 16 { return UUIDText.format(bytes) }
      return value.text
    }
    func required(_ column: Int32, _ name: String) throws(LedgerError) -> String {
      guard let value = text(column) else { throw .malformedRecord(seq: seq, problem: "\(name) is missing") }
      return value
    }
    func parse<T: RawRepresentable<String>>(_ column: Int32, _ type: T.Type, _ name: String)
      throws(LedgerError) -> T?
    {
      guard let raw = text(column) else { return nil }
      guard let value = T(rawValue: raw) else {
        throw .malformedRecord(seq: seq, problem: "unknown \(name) '\(raw)'")
      }
      return value
    }
    guard let kind = try parse(2, LedgerKind.self, "kind") else {
      throw .malformedRecord(seq: seq, problem: "kind is missing")
    }
    var transaction: Transaction?
    if let number = text(9) {
      do {
        transaction = try Transaction(
          number: number, serviceItemCode: text(10) ?? "", serviceItemName: text(11) ?? "",
          staffNumber: text(12) ?? "", window: text(13) ?? "", department: text(14) ?? "",
          stage: try parse(15, EvaluationStage.self, "stage") ?? .finished)
      } catch let error as LedgerError {
        throw error
      } catch {
        throw .malformedRecord(seq: seq, problem: "\(error)")
      }
    }
    let reasons = text(17) ?? ""
    let entry = LedgerEntry(
      kind: kind, promptID: text(7), source: text(8), transaction: transaction,
      level: try parse(16, SatisfactionLevel.self, "level"),
      reasons: reasons.isEmpty ? [] : reasons.split(separator: ",").map(String.init),
      checklistVersion: text(18), suspectReason: try parse(19, SuspectReason.self, "suspect reason"),
      channel: try parse(20, Channel.self, "channel"), detail: text(21))
    let time = RecordTime(
      wallMilliseconds: statement.value(at: 3).integer ?? 0,
      utcOffsetSeconds: Int32(truncatingIfNeeded: statement.value(at: 4).integer ?? 0),
      bootID: try required(5, "boot id"), monotonicNanoseconds: statement.value(at: 6).integer ?? 0,
      clockKnown: statement.value(at: 24).integer.map { $0 != 0 })
    return LedgerRecord(
      seq: seq, uuid: try required(1, "uuid"), time: time, entry: entry,
      hash: statement.value(at: 22).blob ?? [],
      signature: statement.value(at: 23).blob ?? [])
  }
}

extension RecordRow {
  /// A UUID as its 16 bytes; any other id as text.
  static func compactID(_ id: String) -> SQLiteValue {
    UUIDText.parse(id).map { .blob($0) } ?? .text(id)
  }
}

/// Lower-case canonical UUID text to and from its 16 bytes.
enum UUIDText {
  static func parse(_ text: String) -> [UInt8]? {
    guard text.utf8.count == 36, let uuid = UUID(uuidString: text), uuid.uuidString.lowercased() == text
    else {
      return nil
    }
    return withUnsafeBytes(of: uuid.uuid) { Array($0) }
  }

  static func format(_ bytes: [UInt8]) -> String {
    var text: [UInt8] = []
    text.reserveCapacity(36)
    for (index, byte) in Hex.encode(bytes).utf8.enumerated() {
      if index == 8 || index == 12 || index == 16 || index == 20 { text.append(UInt8(ascii: "-")) }
      text.append(byte)
    }
    return String(decoding: text, as: UTF8.self)
  }
}
