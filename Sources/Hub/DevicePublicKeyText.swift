import RecordChain

/// A device's public key and fingerprint as the hub's configuration and a pad's card give them.
enum DevicePublicKeyText {
  /// The key in `text` (base64 Ed25519) and its fingerprint; the error names the pad.
  static func parse(_ text: String, pad: String) throws -> (raw: [UInt8], fingerprint: String) {
    guard let raw = Base64.decode(text), let key = try? RecordChain.DevicePublicKey(rawRepresentation: raw)
    else {
      throw PullError("pad \(pad): public_key is not a base64 Ed25519 public key")
    }
    return (raw, key.fingerprint)
  }

  /// The fingerprint of the key in `text`, or nil when it is not a base64 Ed25519 public key.
  static func fingerprint(of text: String) -> String? {
    guard let raw = Base64.decode(text), let key = try? DevicePublicKey(rawRepresentation: raw) else {
      return nil
    }
    return key.fingerprint
  }

  /// Whether `text` has a fingerprint's form: 32 lowercase hex digits.
  static func isFingerprint(_ text: String) -> Bool {
    text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
  }
}
