import CLibCrypto

/// An SM2 public key: a point on the recommended curve, kept as its 65 uncompressed bytes.
public struct SM2PublicKey: Sendable, Hashable {
  /// 04 || X || Y, the form provinces publish (hex) and most SM2 libraries take.
  public let uncompressed: [UInt8]

  /// The key from 04 || X || Y; refuses other lengths and points off the curve.
  public init(uncompressed: [UInt8]) throws(NationalCryptoError) {
    try SM2Curve.checkPoint(uncompressed, what: "SM2 public key")
    self.uncompressed = uncompressed
  }

  /// The key from the hex of 04 || X || Y.
  public init(hex: String) throws(NationalCryptoError) {
    guard let bytes = Hex.bytes(hex) else { throw .invalidInput("SM2 public key: not hex") }
    try self.init(uncompressed: bytes)
  }

  /// Whether `signature` is this key's SM2 signature of `message` by the signer `id`.
  /// A wrong signature is false; an ID SM2 cannot hold, or a failure to set the check up, throws.
  public func isValidSignature(
    _ signature: SM2Signature, for message: [UInt8], id: [UInt8] = SM2.defaultID
  ) throws(NationalCryptoError) -> Bool {
    let der = signature.der
    return try SM2Curve.withKey(publicKey: uncompressed) { key throws(NationalCryptoError) in
      try SM2Curve.withDigestContext(key: key, id: id, signing: false) { context in
        let valid = EVP_DigestVerify(context, der, der.count, message, message.count) == 1
        // A refused signature leaves its reasons queued; they are no error of the next call.
        LibCrypto.clearErrors()
        return valid
      }
    }
  }

  /// `plaintext` SM2-encrypted to this key (SM3 for the hash and key derivation, a fresh random k).
  public func encrypt(_ plaintext: [UInt8]) throws(NationalCryptoError) -> SM2Ciphertext {
    guard !plaintext.isEmpty else { throw .invalidInput("SM2 encryption: empty plaintext") }
    let encoded = try SM2Curve.withKey(publicKey: uncompressed) { key throws(NationalCryptoError) in
      try SM2Curve.withCryptContext(key: key, encrypting: true) { context throws(NationalCryptoError) in
        var length = 0
        try LibCrypto.check(
          EVP_PKEY_encrypt(context, nil, &length, plaintext, plaintext.count), "SM2 encryption: size")
        var output = [UInt8](repeating: 0, count: length)
        try LibCrypto.check(
          EVP_PKEY_encrypt(context, &output, &length, plaintext, plaintext.count), "SM2 encryption")
        return Array(output.prefix(length))
      }
    }
    return try SM2Ciphertext(asn1: encoded)
  }
}
