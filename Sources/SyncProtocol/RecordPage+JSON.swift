/// The bulk path: pages and records to and from JSON bytes without Foundation's coders. The JSON
/// is the same as their `Codable` form (same keys, nil fields left out), so either end may use either.
extension RecordPage {
  /// The page as JSON.
  public func jsonBytes() -> [UInt8] {
    var writer = JSONWriter(capacity: 512 + records.count * 700)
    writer.beginObject()
    writer.field("device", device)
    writer.key("records")
    writer.beginArray()
    for record in records { record.write(to: &writer) }
    writer.endArray()
    writer.field("head_seq", headSeq)
    writer.field("acknowledged_through", acknowledgedThrough)
    writer.key("more")
    writer.bool(more)
    writer.endObject()
    return writer.bytes
  }

  /// A page from JSON; errors name the record and the field.
  public init(jsonBytes bytes: [UInt8]) throws(JSONFormatError) {
    let fields = try JSONFields(try JSONReader.parse(bytes))
    var records: [WireRecord] = []
    let items = try fields.array("records")
    records.reserveCapacity(items.count)
    for (position, item) in items.enumerated() {
      records.append(try WireRecord(json: item, context: "records[\(position)]: "))
    }
    self.init(
      device: try fields.string("device"), records: records, headSeq: try fields.integer("head_seq"),
      acknowledgedThrough: try fields.integer("acknowledged_through"), more: try fields.bool("more"))
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
    writer.beginObject()
    writer.field("seq", seq)
    writer.field("uuid", uuid)
    writer.field("kind", kind)
    writer.field("wall_ms", wallMilliseconds)
    writer.field("utc_offset_seconds", utcOffsetSeconds)
    writer.field("boot_id", bootID)
    writer.field("monotonic_ns", monotonicNanoseconds)
    writer.field("prompt_id", promptID)
    writer.field("source", source)
    if let transaction {
      writer.key("transaction")
      writer.beginObject()
      writer.field("number", transaction.number)
      writer.field("service_item_code", transaction.serviceItemCode)
      writer.field("service_item_name", transaction.serviceItemName)
      writer.field("staff_number", transaction.staffNumber)
      writer.field("window", transaction.window)
      writer.field("department", transaction.department)
      writer.field("stage", transaction.stage)
      writer.endObject()
    }
    writer.field("level", level)
    writer.key("reasons")
    writer.beginArray()
    for reason in reasons { writer.string(reason) }
    writer.endArray()
    writer.field("checklist_version", checklistVersion)
    writer.field("suspect_reason", suspectReason)
    writer.field("channel", channel)
    writer.field("detail", detail)
    writer.field("hash", hash)
    writer.field("signature", signature)
    writer.endObject()
  }

  /// A record from its JSON object.
  public init(json: JSONValue, context: String = "") throws(JSONFormatError) {
    let fields = try JSONFields(json, context: context)
    let offset = try fields.integer("utc_offset_seconds")
    guard let utcOffset = Int32(exactly: offset) else {
      throw JSONFormatError("\(context)field 'utc_offset_seconds' is out of range")
    }
    var reasons: [String] = []
    for item in try fields.array("reasons") {
      guard case .string(let reason) = item else {
        throw JSONFormatError("\(context)field 'reasons' must hold strings")
      }
      reasons.append(reason)
    }
    var transaction: WireTransaction?
    if let object = fields.optionalObject("transaction") {
      let t = try JSONFields(object, context: context + "transaction: ")
      transaction = WireTransaction(
        number: try t.string("number"), serviceItemCode: try t.string("service_item_code"),
        serviceItemName: try t.string("service_item_name"), staffNumber: try t.string("staff_number"),
        window: try t.string("window"), department: try t.string("department"), stage: try t.string("stage"))
    }
    self.init(
      seq: try fields.integer("seq"), uuid: try fields.string("uuid"), kind: try fields.string("kind"),
      wallMilliseconds: try fields.integer("wall_ms"), utcOffsetSeconds: utcOffset,
      bootID: try fields.string("boot_id"), monotonicNanoseconds: try fields.integer("monotonic_ns"),
      promptID: try fields.optionalString("prompt_id"), source: try fields.optionalString("source"),
      transaction: transaction, level: try fields.optionalString("level"), reasons: reasons,
      checklistVersion: try fields.optionalString("checklist_version"),
      suspectReason: try fields.optionalString("suspect_reason"),
      channel: try fields.optionalString("channel"),
      detail: try fields.optionalString("detail"), hash: try fields.string("hash"),
      signature: try fields.string("signature"))
  }
}
