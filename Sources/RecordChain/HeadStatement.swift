/// The device's signed word on its chain head: "my ledger ends at seq N with hash H, as of T".
///
/// A hub that holds every record up to N with hash H knows nothing before N is missing or
/// altered; one that holds fewer knows exactly how many are still to come.
public struct HeadStatement: Sendable, Hashable {
  /// The device that signs it (its key fingerprint).
  public let fingerprint: String
  /// The last record's seq (0 for an empty chain).
  public let seq: Int64
  /// The last record's hash.
  public let hash: [UInt8]
  /// When the device signed it, wall-clock milliseconds.
  public let signedAtMilliseconds: Int64
  /// Ed25519 over `signedBytes`.
  public let signature: [UInt8]

  /// Makes a statement as received; check it with `isValid(for:)`.
  public init(fingerprint: String, seq: Int64, hash: [UInt8], signedAtMilliseconds: Int64, signature: [UInt8])
  {
    self.fingerprint = fingerprint
    self.seq = seq
    self.hash = hash
    self.signedAtMilliseconds = signedAtMilliseconds
    self.signature = signature
  }

  /// Whether `publicKey` signed exactly this statement.
  public func isValid(for publicKey: DevicePublicKey) -> Bool {
    publicKey.fingerprint == fingerprint
      && publicKey.isValid(
        signature: signature,
        for: Self.signedBytes(fingerprint: fingerprint, seq: seq, hash: hash, at: signedAtMilliseconds))
  }

  /// A line of text, so nothing about the statement depends on a binary layout.
  package static func signedBytes(fingerprint: String, seq: Int64, hash: [UInt8], at milliseconds: Int64)
    -> [UInt8]
  {
    Array("ratingpad-head-v1 \(fingerprint) \(seq) \(Hex.encode(hash)) \(milliseconds)".utf8)
  }
}
