/// Reads the fields of one JSON object by the `Codable` form's own `CodingKeys`, with errors that
/// name the field.
public struct JSONFields<Key: CodingKey> {
  private let fields: [JSONMember]
  private let context: String

  /// The object in `value`; `context` prefixes error messages (e.g. "record 12: ").
  public init(_ value: JSONValue, keyedBy: Key.Type, context: String = "") throws(JSONFormatError) {
    guard case .object(let fields) = value else { throw JSONFormatError("\(context)expected a JSON object") }
    self.fields = fields
    self.context = context
  }

  /// The last of duplicate keys wins, as with `JSONDecoder`.
  private subscript(key: Key) -> JSONValue? {
    let name = key.stringValue
    return fields.last(where: { $0.key == name })?.value
  }

  /// A required string.
  public func string(_ key: Key) throws(JSONFormatError) -> String {
    guard let value = try optionalString(key) else {
      throw JSONFormatError("\(context)missing field '\(key.stringValue)'")
    }
    return value
  }

  /// A string that may be absent or null.
  public func optionalString(_ key: Key) throws(JSONFormatError) -> String? {
    switch self[key] {
    case nil, .null: return nil
    case .string(let value): return value
    default: throw JSONFormatError("\(context)field '\(key.stringValue)' must be a string")
    }
  }

  /// A required integer.
  public func integer(_ key: Key) throws(JSONFormatError) -> Int64 {
    switch self[key] {
    case nil, .null: throw JSONFormatError("\(context)missing field '\(key.stringValue)'")
    case .integer(let value): return value
    default: throw JSONFormatError("\(context)field '\(key.stringValue)' must be an integer")
    }
  }

  /// A required integer that must lie in `range`; the error names the field and the range.
  public func integer(_ key: Key, in range: ClosedRange<Int64>) throws(JSONFormatError) -> Int64 {
    let value = try integer(key)
    guard range.contains(value) else {
      throw JSONFormatError(
        "\(context)field '\(key.stringValue)' is \(value), not from \(range.lowerBound) to \(range.upperBound)"
      )
    }
    return value
  }

  /// A required boolean.
  public func bool(_ key: Key) throws(JSONFormatError) -> Bool {
    switch self[key] {
    case nil, .null: throw JSONFormatError("\(context)missing field '\(key.stringValue)'")
    case .bool(let value): return value
    default: throw JSONFormatError("\(context)field '\(key.stringValue)' must be true or false")
    }
  }

  /// A boolean that may be absent or null.
  public func optionalBool(_ key: Key) throws(JSONFormatError) -> Bool? {
    switch self[key] {
    case nil, .null: return nil
    case .bool(let value): return value
    default: throw JSONFormatError("\(context)field '\(key.stringValue)' must be true or false")
    }
  }

  /// A required array.
  public func array(_ key: Key) throws(JSONFormatError) -> [JSONValue] {
    switch self[key] {
    case nil, .null: throw JSONFormatError("\(context)missing field '\(key.stringValue)'")
    case .array(let value): return value
    default: throw JSONFormatError("\(context)field '\(key.stringValue)' must be an array")
    }
  }

  /// An object that may be absent or null.
  public func optionalObject(_ key: Key) -> JSONValue? {
    switch self[key] {
    case nil, .null: return nil
    case let value?: return value
    }
  }
}
