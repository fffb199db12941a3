import Foundation
import RatingModel
import RecordChain

/// A ledger record as it travels to the hub: every field, hash in hex, signature in base64.
///
/// The hub rebuilds the `LedgerRecord` from it and checks the hash, so nothing may be lost or
/// reworded on the way; levels and channels travel by meaning, never as bare numbers.
public struct WireRecord: Codable, Sendable, Hashable {
  public var seq: Int64
  public var uuid: String
  public var kind: String
  public var wallMilliseconds: Int64
  public var utcOffsetSeconds: Int32
  public var bootID: String
  public var monotonicNanoseconds: Int64
  public var promptID: String?
  public var source: String?
  public var transaction: WireTransaction?
  public var level: String?
  public var reasons: [String]
  public var checklistVersion: String?
  public var suspectReason: String?
  public var channel: String?
  public var detail: String?
  public var hash: String
  public var signature: String
  /// Whether the pad's wall clock was known when it wrote the record; absent (nil) for records
  /// written before pads said so (canonical encoding version 1).
  public var clockKnown: Bool?

  enum CodingKeys: String, CodingKey {
    case seq, uuid, kind, source, transaction, level, reasons, channel, detail, hash, signature
    case wallMilliseconds = "wall_ms"
    case utcOffsetSeconds = "utc_offset_seconds"
    case bootID = "boot_id"
    case monotonicNanoseconds = "monotonic_ns"
    case promptID = "prompt_id"
    case checklistVersion = "checklist_version"
    case suspectReason = "suspect_reason"
    case clockKnown = "clock_known"
  }

  init(
    seq: Int64, uuid: String, kind: String, wallMilliseconds: Int64, utcOffsetSeconds: Int32, bootID: String,
    monotonicNanoseconds: Int64, promptID: String?, source: String?, transaction: WireTransaction?,
    level: String?, reasons: [String], checklistVersion: String?, suspectReason: String?, channel: String?,
    detail: String?, hash: String, signature: String, clockKnown: Bool? = nil
  ) {
    self.seq = seq
    self.uuid = uuid
    self.kind = kind
    self.wallMilliseconds = wallMilliseconds
    self.utcOffsetSeconds = utcOffsetSeconds
    self.bootID = bootID
    self.monotonicNanoseconds = monotonicNanoseconds
    self.promptID = promptID
    self.source = source
    self.transaction = transaction
    self.level = level
    self.reasons = reasons
    self.checklistVersion = checklistVersion
    self.suspectReason = suspectReason
    self.channel = channel
    self.detail = detail
    self.hash = hash
    self.signature = signature
    self.clockKnown = clockKnown
  }

  /// The record as stored on the pad.
  public init(_ record: LedgerRecord) {
    let entry = record.entry
    seq = record.seq
    uuid = record.uuid
    kind = entry.kind.rawValue
    wallMilliseconds = record.time.wallMilliseconds
    utcOffsetSeconds = record.time.utcOffsetSeconds
    bootID = record.time.bootID
    monotonicNanoseconds = record.time.monotonicNanoseconds
    promptID = entry.promptID
    source = entry.source
    transaction = entry.transaction.map(WireTransaction.init)
    level = entry.level?.rawValue
    reasons = entry.reasons
    checklistVersion = entry.checklistVersion
    suspectReason = entry.suspectReason?.rawValue
    channel = entry.channel?.rawValue
    detail = entry.detail
    hash = Hex.encode(record.hash)
    signature = Data(record.signature).base64EncodedString()
    clockKnown = record.time.clockKnown
  }

  /// The record rebuilt exactly, or an error naming the first field that cannot be.
  public func ledgerRecord() throws(WireError) -> LedgerRecord {
    func field<T>(_ name: String, _ value: String?, _ make: (String) -> T?) throws(WireError) -> T? {
      guard let value else { return nil }
      guard let made = make(value) else { throw WireError.badField(seq: seq, field: name, value: value) }
      return made
    }
    func inRange<T: BinaryInteger>(_ name: String, _ value: T, _ range: ClosedRange<T>) throws(WireError) {
      guard range.contains(value) else {
        throw WireError.badField(
          seq: seq, field: name, value: "\(value)",
          expected: "from \(range.lowerBound) to \(range.upperBound)")
      }
    }
    try inRange("seq", seq, RecordLimits.seq)
    try inRange("wall_ms", wallMilliseconds, RecordLimits.wallMilliseconds)
    try inRange("utc_offset_seconds", utcOffsetSeconds, RecordLimits.utcOffsetSeconds)
    try inRange("monotonic_ns", monotonicNanoseconds, RecordLimits.monotonicNanoseconds)
    guard let kind = LedgerKind(rawValue: kind) else {
      throw WireError.badField(seq: seq, field: "kind", value: kind)
    }
    // Each in the one form the pad writes (32 bytes in lower-case hex, 64 in padded base64), so
    // the hub stores the text the pad sent and nothing a mutation left readable.
    guard let hashBytes = Hex.decode(hash), hashBytes.count == 32, Hex.encode(hashBytes) == hash else {
      throw WireError.badField(seq: seq, field: "hash", value: String(hash.prefix(80)))
    }
    guard let signatureBytes = Data(base64Encoded: signature), signatureBytes.count == 64,
      signatureBytes.base64EncodedString() == signature
    else {
      throw WireError.badField(seq: seq, field: "signature", value: String(signature.prefix(100)))
    }
    let entry = LedgerEntry(
      kind: kind, promptID: promptID, source: source,
      transaction: try transaction.map { wire throws(WireError) in try wire.transaction(seq: seq) },
      level: try field("level", level) { try? SatisfactionLevel(stored: $0) },
      reasons: reasons, checklistVersion: checklistVersion,
      suspectReason: try field("suspect_reason", suspectReason, SuspectReason.init(rawValue:)),
      channel: try field("channel", channel, Channel.init(rawValue:)), detail: detail)
    return LedgerRecord(
      seq: seq, uuid: uuid,
      time: RecordTime(
        wallMilliseconds: wallMilliseconds, utcOffsetSeconds: utcOffsetSeconds, bootID: bootID,
        monotonicNanoseconds: monotonicNanoseconds, clockKnown: clockKnown),
      entry: entry, hash: hashBytes, signature: Array(signatureBytes))
  }
}

/// The transaction a record concerns, as the counter system named it.
public struct WireTransaction: Codable, Sendable, Hashable {
  public var number: String
  public var serviceItemCode: String
  public var serviceItemName: String
  public var staffNumber: String
  public var window: String
  public var department: String
  public var stage: String

  enum CodingKeys: String, CodingKey {
    case number, window, department, stage
    case serviceItemCode = "service_item_code"
    case serviceItemName = "service_item_name"
    case staffNumber = "staff_number"
  }

  init(
    number: String, serviceItemCode: String, serviceItemName: String, staffNumber: String, window: String,
    department: String, stage: String
  ) {
    self.number = number
    self.serviceItemCode = serviceItemCode
    self.serviceItemName = serviceItemName
    self.staffNumber = staffNumber
    self.window = window
    self.department = department
    self.stage = stage
  }

  init(_ transaction: Transaction) {
    number = transaction.number
    serviceItemCode = transaction.serviceItemCode
    serviceItemName = transaction.serviceItemName
    staffNumber = transaction.staffNumber
    window = transaction.window
    department = transaction.department
    stage = transaction.stage.rawValue
  }

  func transaction(seq: Int64) throws(WireError) -> Transaction {
    do {
      return try Transaction(
        number: number, serviceItemCode: serviceItemCode, serviceItemName: serviceItemName,
        staffNumber: staffNumber, window: window, department: department,
        stage: try EvaluationStage(stored: stage))
    } catch {
      throw WireError.badField(seq: seq, field: "transaction", value: error.description)
    }
  }
}

/// A record that arrived in a shape no pad writes.
public enum WireError: Error, Equatable, CustomStringConvertible {
  /// A field holds a value the ledger cannot hold (and, for a number, the range it must be in).
  case badField(seq: Int64, field: String, value: String, expected: String? = nil)

  public var description: String {
    switch self {
    case .badField(let seq, let field, let value, let expected):
      "record seq \(seq): field \(field) cannot be '\(value)'" + (expected.map { " (\($0))" } ?? "")
    }
  }
}
