/// The little DER that SM2 needs: a SEQUENCE of INTEGERs and OCTET STRINGs, for signatures
/// (r, s) and OpenSSL's ciphertext form (x, y, hash, ciphertext). libcrypto encodes the
/// ciphertext form but does not export it, so both are read and written here, strictly.
enum DER {
  static let integerTag: UInt8 = 0x02
  static let octetStringTag: UInt8 = 0x04
  static let sequenceTag: UInt8 = 0x30

  /// A SEQUENCE of already encoded elements.
  static func sequence(_ elements: [[UInt8]]) -> [UInt8] {
    element(sequenceTag, Array(elements.joined()))
  }

  /// A non-negative INTEGER from big-endian bytes: leading zeros dropped, a zero added before a high bit.
  static func integer(unsigned bigEndian: [UInt8]) -> [UInt8] {
    var digits = Array(bigEndian.drop { $0 == 0 })
    if digits.first.map({ $0 >= 0x80 }) ?? true { digits.insert(0, at: 0) }
    return element(integerTag, digits)
  }

  /// An OCTET STRING.
  static func octetString(_ bytes: [UInt8]) -> [UInt8] {
    element(octetStringTag, bytes)
  }

  private static func element(_ tag: UInt8, _ contents: [UInt8]) -> [UInt8] {
    [tag] + length(contents.count) + contents
  }

  private static func length(_ count: Int) -> [UInt8] {
    if count < 0x80 { return [UInt8(count)] }
    let bytes = withUnsafeBytes(of: UInt64(count).bigEndian) { Array($0.drop { $0 == 0 }) }
    return [0x80 | UInt8(bytes.count)] + bytes
  }

  /// Reads DER elements from the front of some bytes, refusing anything but the minimal encoding.
  struct Reader {
    private var bytes: ArraySlice<UInt8>
    private let what: String

    /// A reader over `bytes`; `what` names them in errors.
    init(_ bytes: ArraySlice<UInt8>, what: String) {
      self.bytes = bytes
      self.what = what
    }

    /// Whether everything has been read.
    var isAtEnd: Bool { bytes.isEmpty }

    /// The contents of the next element, which must have `tag`.
    mutating func read(_ tag: UInt8) throws(NationalCryptoError) -> ArraySlice<UInt8> {
      guard let found = bytes.popFirst() else { throw failure("ends early") }
      guard found == tag else { throw failure("tag \(found), not \(tag)") }
      guard let first = bytes.popFirst() else { throw failure("no length") }
      var count = Int(first)
      if first >= 0x80 {
        let lengthBytes = Int(first & 0x7f)
        guard (1...4).contains(lengthBytes), bytes.count >= lengthBytes else { throw failure("bad length") }
        count = bytes.prefix(lengthBytes).reduce(0) { $0 << 8 | Int($1) }
        bytes = bytes.dropFirst(lengthBytes)
        guard count >= 0x80, count >> (8 * (lengthBytes - 1)) != 0 else {
          throw failure("length not minimal")
        }
      }
      guard bytes.count >= count else { throw failure("element runs past the end") }
      defer { bytes = bytes.dropFirst(count) }
      return bytes.prefix(count)
    }

    /// The next element as a non-negative INTEGER of at most `width` bytes, left-padded to `width`.
    mutating func unsignedInteger(width: Int) throws(NationalCryptoError) -> [UInt8] {
      let contents = try read(DER.integerTag)
      guard let first = contents.first else { throw failure("empty INTEGER") }
      guard first < 0x80 else { throw failure("negative INTEGER") }
      if first == 0, let second = contents.dropFirst().first, second < 0x80 {
        throw failure("INTEGER not minimal")
      }
      let digits = contents.drop { $0 == 0 }
      guard digits.count <= width else { throw failure("INTEGER longer than \(width) bytes") }
      return [UInt8](repeating: 0, count: width - digits.count) + digits
    }

    private func failure(_ reason: String) -> NationalCryptoError {
      .invalidInput("\(what): not DER (\(reason))")
    }
  }
}
