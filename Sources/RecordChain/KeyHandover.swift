/// A device key's signed word that its chain ends and a new key's chain begins: "I, key F, hand
/// over to this public key, as of T". A pad whose ledger starts over makes a new key and signs
/// one with the old, so the hub can enrol the new key as the old one's successor and tell the
/// new chain apart from the old.
public struct KeyHandover: Sendable, Hashable {
  /// The fingerprint of the key that signs it, whose chain ends.
  public let previousFingerprint: String
  /// The new key, whose chain begins.
  public let next: DevicePublicKey
  /// When the old key signed it, wall-clock milliseconds.
  public let signedAtMilliseconds: Int64
  /// Ed25519 over `signedBytes`, by the previous key.
  public let signature: [UInt8]

  /// Makes a handover as received; check it with `isValid(signedBy:)`.
  public init(
    previousFingerprint: String, next: DevicePublicKey, signedAtMilliseconds: Int64, signature: [UInt8]
  ) {
    self.previousFingerprint = previousFingerprint
    self.next = next
    self.signedAtMilliseconds = signedAtMilliseconds
    self.signature = signature
  }

  /// Whether `previous` (the key it names) signed exactly this handover.
  public func isValid(signedBy previous: DevicePublicKey) -> Bool {
    previous.fingerprint == previousFingerprint
      && previous.isValid(
        signature: signature,
        for: Self.signedBytes(previousFingerprint: previousFingerprint, next: next, at: signedAtMilliseconds))
  }

  /// Domain-separated, so no other signature of the key (a record hash, a head) can pass for a
  /// handover: the tag, the old fingerprint, the new raw key, the time as 8 bytes big-endian.
  package static func signedBytes(previousFingerprint: String, next: DevicePublicKey, at milliseconds: Int64)
    -> [UInt8]
  {
    let time = (0..<8).reversed().map {
      UInt8(truncatingIfNeeded: UInt64(bitPattern: milliseconds) >> ($0 * 8))
    }
    return Array("ratingpad key handover v1\0".utf8) + Array(previousFingerprint.utf8) + next.raw + time
  }
}
