/// A parsed JSON value: what `JSONReader` makes of bytes from the other end.
public enum JSONValue: Sendable, Equatable {
  /// Members in the order they came; a later duplicate key wins, as with `JSONDecoder`.
  case object([JSONMember])
  case array([JSONValue])
  case string(String)
  /// Only integers: nothing on the wire is fractional, and a fraction there is an error.
  case integer(Int64)
  case bool(Bool)
  case null
}

/// One key and value of a JSON object.
public struct JSONMember: Sendable, Equatable {
  public let key: String
  public let value: JSONValue
  /// Makes a member.
  public init(_ key: String, _ value: JSONValue) {
    self.key = key
    self.value = value
  }
}

/// Why bytes were not the JSON message expected; the text names the field or the byte.
public struct JSONFormatError: Error, Equatable, CustomStringConvertible {
  public let description: String
  /// Makes an error.
  public init(_ description: String) { self.description = description }
}

/// A strict, small JSON parser for the messages that carry records in bulk (see `JSONWriter` for
/// why not `JSONDecoder`). Strings must be valid UTF-8; numbers must be integers that fit 64 bits;
/// nesting is limited, so a hostile peer cannot exhaust the stack.
public struct JSONReader {
  private let bytes: [UInt8]
  private var index = 0
  private static let maximumDepth = 16

  /// Parses one JSON document.
  public static func parse(_ bytes: [UInt8]) throws(JSONFormatError) -> JSONValue {
    var reader = JSONReader(bytes: bytes)
    let value = try reader.value(depth: 0)
    reader.skipSpace()
    guard reader.index == bytes.count else { throw reader.error("unexpected data after the JSON value") }
    return value
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private func error(_ problem: String) -> JSONFormatError {
    JSONFormatError("not valid JSON at byte \(index): \(problem)")
  }

  private mutating func skipSpace() {
    while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
  }

  private mutating func value(depth: Int) throws(JSONFormatError) -> JSONValue {
    guard depth < Self.maximumDepth else { throw error("nested too deeply") }
    skipSpace()
    guard index < bytes.count else { throw error("the document ends where a value should be") }
    switch bytes[index] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .integer(try integer())
    default: throw error("unexpected character")
    }
  }

  private mutating func literal(_ word: String, _ value: JSONValue) throws(JSONFormatError) -> JSONValue {
    let expected = Array(word.utf8)
    guard bytes.count - index >= expected.count, Array(bytes[index..<index + expected.count]) == expected
    else {
      throw error("expected \(word)")
    }
    index += expected.count
    return value
  }

  private mutating func object(depth: Int) throws(JSONFormatError) -> JSONValue {
    index += 1
    // An array, not a dictionary: records have a score of keys, and hashing them cost more than a scan.
    var fields: [JSONMember] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
      index += 1
      return .object(fields)
    }
    while true {
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key") }
      let key = try string()
      skipSpace()
      guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
      index += 1
      fields.append(JSONMember(key, try value(depth: depth + 1)))
      skipSpace()
      guard index < bytes.count else { throw error("the object is not closed") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(fields)
      } else {
        throw error("expected ',' or '}'")
      }
    }
  }

  private mutating func array(depth: Int) throws(JSONFormatError) -> JSONValue {
    index += 1
    var items: [JSONValue] = []
    skipSpace()
    if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
      index += 1
      return .array(items)
    }
    while true {
      items.append(try value(depth: depth + 1))
      skipSpace()
      guard index < bytes.count else { throw error("the array is not closed") }
      if bytes[index] == UInt8(ascii: ",") {
        index += 1
      } else if bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items)
      } else {
        throw error("expected ',' or ']'")
      }
    }
  }

  private mutating func integer() throws(JSONFormatError) -> Int64 {
    let start = index
    if bytes[index] == UInt8(ascii: "-") { index += 1 }
    let digitsStart = index
    while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
    guard index > digitsStart else { throw error("a number needs digits") }
    guard bytes[digitsStart] != UInt8(ascii: "0") || index - digitsStart == 1 else {
      throw error("a number may not start with 0")
    }
    if index < bytes.count, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index]) {
      throw error("only whole numbers are expected")
    }
    guard let value = Int64(String(decoding: bytes[start..<index], as: UTF8.self)) else {
      throw error("the number does not fit 64 bits")
    }
    return value
  }

  private mutating func string() throws(JSONFormatError) -> String {
    index += 1
    // Without escapes the string is the bytes up to the closing quote, validated once.
    var end = index
    var allBits: UInt8 = 0
    while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"),
      bytes[end] >= 0x20
    {
      allBits |= bytes[end]
      end += 1
    }
    if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
      let start = index
      index = end + 1
      // Plain ASCII (codes, numbers, hashes: most of a record) is valid UTF-8 as it stands.
      let text = bytes.withUnsafeBufferPointer { buffer in
        let part = UnsafeBufferPointer(rebasing: buffer[start..<end])
        return allBits < 0x80
          ? String(decoding: part, as: UTF8.self) : String(validating: part, as: UTF8.self)
      }
      guard let text else { throw error("the string is not UTF-8") }
      return text
    }
    var text: [UInt8] = Array(bytes[index..<end])
    index = end
    while true {
      guard index < bytes.count else { throw error("the string is not closed") }
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        guard let string = String(validating: text, as: UTF8.self) else {
          throw error("the string is not UTF-8")
        }
        return string
      case UInt8(ascii: "\\"):
        try escape(into: &text)
      case 0..<0x20:
        throw error("a control character inside a string must be escaped")
      default:
        text.append(byte)
      }
    }
  }

  private mutating func escape(into text: inout [UInt8]) throws(JSONFormatError) {
    guard index < bytes.count else { throw error("the string is not closed") }
    let byte = bytes[index]
    index += 1
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(byte)
    case UInt8(ascii: "b"): text.append(0x08)
    case UInt8(ascii: "f"): text.append(0x0C)
    case UInt8(ascii: "n"): text.append(0x0A)
    case UInt8(ascii: "r"): text.append(0x0D)
    case UInt8(ascii: "t"): text.append(0x09)
    case UInt8(ascii: "u"):
      var scalar = try hexQuad()
      if (0xD800..<0xDC00).contains(scalar) {
        // A high surrogate must be followed by an escaped low one.
        guard bytes.count - index >= 6, bytes[index] == UInt8(ascii: "\\"),
          bytes[index + 1] == UInt8(ascii: "u")
        else { throw error("a lone surrogate") }
        index += 2
        let low = try hexQuad()
        guard (0xDC00..<0xE000).contains(low) else { throw error("a lone surrogate") }
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      }
      guard let unicode = Unicode.Scalar(scalar) else { throw error("a lone surrogate") }
      text.append(contentsOf: Array(String(Character(unicode)).utf8))
    default:
      throw error("an unknown escape")
    }
  }

  private mutating func hexQuad() throws(JSONFormatError) -> UInt32 {
    guard bytes.count - index >= 4 else { throw error("\\u needs four hex digits") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
      default: throw error("\\u needs four hex digits")
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }
}
