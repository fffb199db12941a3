/// An SM2 ciphertext: the point C1, the hash C3 and the masked message C2, in the three forms
/// provinces use. GB/T 32918.4-2016 orders them C1 || C3 || C2; the 2010 publication, and
/// systems built on it, C1 || C2 || C3; OpenSSL writes the ASN.1 form of GB/T 35276-2017.
public struct SM2Ciphertext: Sendable, Hashable {
  /// C1 = k·G, uncompressed: 04 || x1 || y1 (65 bytes).
  public let point: [UInt8]
  /// C3 = SM3(x2 || M || y2) (32 bytes).
  public let hash: [UInt8]
  /// C2 = M xor KDF(x2 || y2): as long as the plaintext.
  public let masked: [UInt8]

  private static let hashSize = 32

  /// The ciphertext from its three parts.
  public init(point: [UInt8], hash: [UInt8], masked: [UInt8]) throws(NationalCryptoError) {
    guard point.count == SM2.pointSize, point.first == 0x04 else {
      throw .invalidInput("SM2 ciphertext: C1 of \(point.count) bytes, not 65 starting with 04")
    }
    guard hash.count == Self.hashSize else {
      throw .invalidInput("SM2 ciphertext: C3 of \(hash.count) bytes, not 32")
    }
    guard !masked.isEmpty else { throw .invalidInput("SM2 ciphertext: empty C2") }
    (self.point, self.hash, self.masked) = (point, hash, masked)
  }

  /// The ciphertext from raw C1 || C3 || C2, C1 starting with 04 (GB/T 32918.4-2016's order).
  public init(c1c3c2: [UInt8]) throws(NationalCryptoError) {
    try Self.checkRawLength(c1c3c2)
    let rest = c1c3c2.dropFirst(SM2.pointSize)
    try self.init(
      point: Array(c1c3c2.prefix(SM2.pointSize)), hash: Array(rest.prefix(Self.hashSize)),
      masked: Array(rest.dropFirst(Self.hashSize)))
  }

  /// The ciphertext from raw C1 || C2 || C3, C1 starting with 04 (the older order).
  public init(c1c2c3: [UInt8]) throws(NationalCryptoError) {
    try Self.checkRawLength(c1c2c3)
    try self.init(
      point: Array(c1c2c3.prefix(SM2.pointSize)), hash: Array(c1c2c3.suffix(Self.hashSize)),
      masked: Array(c1c2c3.dropFirst(SM2.pointSize).dropLast(Self.hashSize)))
  }

  /// The ciphertext from DER, SEQUENCE { x INTEGER, y INTEGER, hash OCTET STRING, ciphertext OCTET STRING }.
  public init(asn1: [UInt8]) throws(NationalCryptoError) {
    let what = "SM2 ciphertext DER"
    var outer = DER.Reader(asn1[...], what: what)
    var inner = DER.Reader(try outer.read(DER.sequenceTag), what: what)
    let x = try inner.unsignedInteger(width: SM2.scalarSize)
    let y = try inner.unsignedInteger(width: SM2.scalarSize)
    let hash = try inner.read(DER.octetStringTag)
    let masked = try inner.read(DER.octetStringTag)
    guard inner.isAtEnd, outer.isAtEnd else { throw .invalidInput("\(what): bytes after the ciphertext") }
    try self.init(point: [0x04] + x + y, hash: Array(hash), masked: Array(masked))
  }

  /// C1 || C3 || C2.
  public var c1c3c2: [UInt8] { point + hash + masked }
  /// C1 || C2 || C3.
  public var c1c2c3: [UInt8] { point + masked + hash }
  /// The DER form OpenSSL writes and reads.
  public var asn1: [UInt8] {
    DER.sequence([
      DER.integer(unsigned: Array(point[1...SM2.scalarSize])),
      DER.integer(unsigned: Array(point.suffix(SM2.scalarSize))),
      DER.octetString(hash), DER.octetString(masked),
    ])
  }

  private static func checkRawLength(_ bytes: [UInt8]) throws(NationalCryptoError) {
    guard bytes.count > SM2.pointSize + hashSize else {
      throw .invalidInput("SM2 ciphertext: \(bytes.count) bytes, too short for C1, C3 and a C2")
    }
  }
}
