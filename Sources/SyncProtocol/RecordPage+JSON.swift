import RecordChain

/// The bulk path: pages and records to and from JSON bytes without Foundation's coders. The JSON
/// is the same as their `Codable` form (the same `CodingKeys`, nil fields left out), so either end
/// may use either.
extension RecordPage {
  /// The page as JSON.
  public func jsonBytes() -> [UInt8] {
    var writer = JSONWriter(capacity: 512 + records.count * 700)
    writer.beginObject()
    writer.field(CodingKeys.device, device)
    writer.key(CodingKeys.records)
    writer.beginArray()
    for record in records { record.write(to: &writer) }
    writer.endArray()
    writer.field(CodingKeys.headSeq, headSeq)
    writer.field(CodingKeys.acknowledgedThrough, acknowledgedThrough)
    writer.key(CodingKeys.more)
    writer.bool(more)
    if let handovers, !handovers.isEmpty {
      writer.key(CodingKeys.handovers)
      writer.beginArray()
      for handover in handovers { handover.write(to: &writer) }
      writer.endArray()
    }
    writer.endObject()
    return writer.bytes
  }

  /// A page from JSON; errors name the record and the field.
  public init(jsonBytes bytes: [UInt8]) throws(JSONFormatError) {
    let fields = try JSONFields(try JSONReader.parse(bytes), keyedBy: CodingKeys.self)
    var records: [WireRecord] = []
    let items = try fields.array(.records)
    records.reserveCapacity(items.count)
    for (position, item) in items.enumerated() {
      records.append(try WireRecord(json: item, context: "records[\(position)]: "))
    }
    var handovers: [WireKeyHandover] = []
    if let list = fields.optionalObject(.handovers) {
      guard case .array(let items) = list, items.count <= WireKeyHandover.limit else {
        throw JSONFormatError(
          "field 'handovers' must be an array of at most \(WireKeyHandover.limit) handovers")
      }
      for (position, item) in items.enumerated() {
        handovers.append(try WireKeyHandover(json: item, context: "handovers[\(position)]: "))
      }
    }
    self.init(
      device: try fields.string(.device), records: records,
      headSeq: try fields.integer(.headSeq, in: RecordLimits.head),
      acknowledgedThrough: try fields.integer(.acknowledgedThrough, in: RecordLimits.head),
      more: try fields.bool(.more), handovers: handovers)
  }
}

extension WireRecord {
  /// The record as one JSON object, e.g. for a hub's store.
  public func jsonBytes() -> [UInt8] {
    var writer = JSONWriter(capacity: 700)
    write(to: &writer)
    return writer.bytes
  }

  /// Appends the record as a JSON object.
  public func write(to writer: inout JSONWriter) {
    typealias Key = CodingKeys
    writer.beginObject()
    writer.field(Key.seq, seq)
    writer.field(Key.uuid, uuid)
    writer.field(Key.kind, kind)
    writer.field(Key.wallMilliseconds, wallMilliseconds)
    writer.field(Key.utcOffsetSeconds, utcOffsetSeconds)
    writer.field(Key.bootID, bootID)
    writer.field(Key.monotonicNanoseconds, monotonicNanoseconds)
    writer.field(Key.promptID, promptID)
    writer.field(Key.source, source)
    if let transaction {
      typealias Inner = WireTransaction.CodingKeys
      writer.key(Key.transaction)
      writer.beginObject()
      writer.field(Inner.number, transaction.number)
      writer.field(Inner.serviceItemCode, transaction.serviceItemCode)
      writer.field(Inner.serviceItemName, transaction.serviceItemName)
      writer.field(Inner.staffNumber, transaction.staffNumber)
      writer.field(Inner.window, transaction.window)
      writer.field(Inner.department, transaction.department)
      writer.field(Inner.stage, transaction.stage)
      writer.endObject()
    }
    writer.field(Key.level, level)
    writer.key(Key.reasons)
    writer.beginArray()
    for reason in reasons { writer.string(reason) }
    writer.endArray()
    writer.field(Key.checklistVersion, checklistVersion)
    writer.field(Key.suspectReason, suspectReason)
    writer.field(Key.channel, channel)
    writer.field(Key.detail, detail)
    writer.field(Key.hash, hash)
    writer.field(Key.signature, signature)
    if let clockKnown {
      writer.key(Key.clockKnown)
      writer.bool(clockKnown)
    }
    writer.endObject()
  }

  /// A record from its JSON object.
  public init(json: JSONValue, context: String = "") throws(JSONFormatError) {
    let fields = try JSONFields(json, keyedBy: CodingKeys.self, context: context)
    let offset = try fields.integer(.utcOffsetSeconds)
    guard let utcOffset = Int32(exactly: offset) else {
      throw JSONFormatError("\(context)field '\(CodingKeys.utcOffsetSeconds.stringValue)' is out of range")
    }
    var reasons: [String] = []
    for item in try fields.array(.reasons) {
      guard case .string(let reason) = item else {
        throw JSONFormatError("\(context)field '\(CodingKeys.reasons.stringValue)' must hold strings")
      }
      reasons.append(reason)
    }
    var transaction: WireTransaction?
    if let object = fields.optionalObject(.transaction) {
      let t = try JSONFields(
        object, keyedBy: WireTransaction.CodingKeys.self, context: context + "transaction: ")
      transaction = WireTransaction(
        number: try t.string(.number), serviceItemCode: try t.string(.serviceItemCode),
        serviceItemName: try t.string(.serviceItemName), staffNumber: try t.string(.staffNumber),
        window: try t.string(.window), department: try t.string(.department), stage: try t.string(.stage))
    }
    self.init(
      seq: try fields.integer(.seq), uuid: try fields.string(.uuid), kind: try fields.string(.kind),
      wallMilliseconds: try fields.integer(.wallMilliseconds), utcOffsetSeconds: utcOffset,
      bootID: try fields.string(.bootID), monotonicNanoseconds: try fields.integer(.monotonicNanoseconds),
      promptID: try fields.optionalString(.promptID), source: try fields.optionalString(.source),
      transaction: transaction, level: try fields.optionalString(.level), reasons: reasons,
      checklistVersion: try fields.optionalString(.checklistVersion),
      suspectReason: try fields.optionalString(.suspectReason),
      channel: try fields.optionalString(.channel),
      detail: try fields.optionalString(.detail), hash: try fields.string(.hash),
      signature: try fields.string(.signature), clockKnown: try fields.optionalBool(.clockKnown))
  }
}
