/// Writes JSON bytes directly, for the messages that carry records in bulk.
///
/// Foundation's `JSONEncoder` builds a tree of boxed values per record first; a profile of the pad
/// pushing a backlog spent more than half its time there. This writes the same JSON (keys in the
/// order given, nil fields left out, slashes unescaped) in one pass. Keys are the `Codable` form's
/// own `CodingKeys`, so a field renamed there is renamed here too.
public struct JSONWriter {
  /// The JSON so far.
  public private(set) var bytes: [UInt8] = []
  private var needsComma = false

  /// Starts empty, with room for `capacity` bytes.
  public init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

  /// `{`, then keys and values, then `endObject()`.
  public mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma = false
  }

  /// `}`.
  public mutating func endObject() {
    bytes.append(UInt8(ascii: "}"))
    needsComma = true
  }

  /// `[`, then values, then `endArray()`.
  public mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma = false
  }

  /// `]`.
  public mutating func endArray() {
    bytes.append(UInt8(ascii: "]"))
    needsComma = true
  }

  /// A key inside an object; its value follows.
  public mutating func key(_ key: some CodingKey) {
    separate()
    quoted(key.stringValue)
    bytes.append(UInt8(ascii: ":"))
    needsComma = false
  }

  /// A string value.
  public mutating func string(_ value: String) {
    separate()
    quoted(value)
    needsComma = true
  }

  /// An integer value.
  public mutating func integer<T: BinaryInteger>(_ value: T) {
    separate()
    bytes.append(contentsOf: String(value).utf8)
    needsComma = true
  }

  /// `true` or `false`.
  public mutating func bool(_ value: Bool) {
    separate()
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
    needsComma = true
  }

  /// `"key":"value"`, or nothing when the value is nil (as `JSONEncoder` leaves nil out).
  public mutating func field(_ key: some CodingKey, _ value: String?) {
    guard let value else { return }
    self.key(key)
    string(value)
  }

  /// `"key":123`.
  public mutating func field<T: BinaryInteger>(_ key: some CodingKey, _ value: T) {
    self.key(key)
    integer(value)
  }

  private mutating func separate() {
    if needsComma { bytes.append(UInt8(ascii: ",")) }
  }

  private mutating func quoted(_ text: String) {
    var text = text
    // A native string hands out its UTF-8 in place; scanning that is several times quicker than
    // going through the generic `utf8` view.
    text.withUTF8 { utf8 in quoted(utf8) }
  }

  private mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
    bytes.append(UInt8(ascii: "\""))
    // Most text needs no escape at all: copy it whole.
    if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
      bytes.append(contentsOf: utf8)
      bytes.append(UInt8(ascii: "\""))
      return
    }
    for byte in utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
      case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
      case 0..<0x20:
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
