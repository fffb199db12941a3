/// An SM2 signature (r, s), read from and written to both forms provinces use: DER and raw r || s.
public struct SM2Signature: Sendable, Hashable {
  /// r || s, each 32 bytes big-endian: the raw form.
  public let raw: [UInt8]

  /// The signature from raw r || s (64 bytes).
  public init(raw: [UInt8]) throws(NationalCryptoError) {
    guard raw.count == 2 * SM2.scalarSize else {
      throw .invalidInput("SM2 signature: \(raw.count) bytes, not 64 (r || s)")
    }
    self.raw = raw
  }

  /// The signature from DER, SEQUENCE { r INTEGER, s INTEGER }, as OpenSSL and Java write it.
  public init(der: [UInt8]) throws(NationalCryptoError) {
    let what = "SM2 signature DER"
    var outer = DER.Reader(der[...], what: what)
    var inner = DER.Reader(try outer.read(DER.sequenceTag), what: what)
    let r = try inner.unsignedInteger(width: SM2.scalarSize)
    let s = try inner.unsignedInteger(width: SM2.scalarSize)
    guard inner.isAtEnd, outer.isAtEnd else { throw .invalidInput("\(what): bytes after the signature") }
    self.raw = r + s
  }

  /// The 32-byte r.
  public var r: [UInt8] { Array(raw.prefix(SM2.scalarSize)) }
  /// The 32-byte s.
  public var s: [UInt8] { Array(raw.suffix(SM2.scalarSize)) }

  /// SEQUENCE { r INTEGER, s INTEGER } in DER.
  public var der: [UInt8] {
    DER.sequence([DER.integer(unsigned: r), DER.integer(unsigned: s)])
  }
}
