import CLibCrypto

/// An SM2 private key: a 32-byte scalar d in [1, n-2], and its public key d·G.
public struct SM2PrivateKey: Sendable, CustomStringConvertible {
  /// d, big-endian, 32 bytes: the form provinces hand out (hex) and SM2 libraries take.
  public let bytes: [UInt8]
  /// The public key d·G.
  public let publicKey: SM2PublicKey

  /// The key from its 32 bytes; refuses other lengths and scalars outside [1, n-2].
  public init(bytes: [UInt8]) throws(NationalCryptoError) {
    self.publicKey = try SM2PublicKey(uncompressed: SM2Curve.publicKey(of: bytes))
    self.bytes = bytes
  }

  /// The key from the hex of its 32 bytes.
  public init(hex: String) throws(NationalCryptoError) {
    guard let bytes = Hex.bytes(hex) else { throw .invalidInput("SM2 private key: not hex") }
    try self.init(bytes: bytes)
  }

  /// A new key from OpenSSL's private random generator.
  public static func generate() throws(NationalCryptoError) -> SM2PrivateKey {
    // A random 32 bytes falls outside [1, n-2] with odds near 2^-32; draw again then.
    while true {
      var candidate = [UInt8](repeating: 0, count: SM2.scalarSize)
      LibCrypto.clearErrors()
      try LibCrypto.check(RAND_priv_bytes(&candidate, Int32(candidate.count)), "SM2 key generation")
      if let key = try? SM2PrivateKey(bytes: candidate) { return key }
    }
  }

  /// Names the public key only, so a logged key never shows its secret.
  public var description: String {
    "SM2PrivateKey(public: \(Hex.string(publicKey.uncompressed)))"
  }

  /// The SM2 signature of `message` by the signer `id` (SM3 over Z || M, a fresh random k).
  public func sign(_ message: [UInt8], id: [UInt8] = SM2.defaultID) throws(NationalCryptoError)
    -> SM2Signature
  {
    let der = try SM2Curve.withKey(publicKey: publicKey.uncompressed, privateKey: bytes) {
      key throws(NationalCryptoError) in
      try SM2Curve.withDigestContext(key: key, id: id, signing: true) { context throws(NationalCryptoError) in
        var length = 0
        try LibCrypto.check(
          EVP_DigestSign(context, nil, &length, message, message.count), "SM2 signing: size")
        var output = [UInt8](repeating: 0, count: length)
        try LibCrypto.check(EVP_DigestSign(context, &output, &length, message, message.count), "SM2 signing")
        return Array(output.prefix(length))
      }
    }
    return try SM2Signature(der: der)
  }

  /// The plaintext of `ciphertext`; a ciphertext not made for this key, or altered, is an error.
  public func decrypt(_ ciphertext: SM2Ciphertext) throws(NationalCryptoError) -> [UInt8] {
    let encoded = ciphertext.asn1
    return try SM2Curve.withKey(publicKey: publicKey.uncompressed, privateKey: bytes) {
      key throws(NationalCryptoError) in
      try SM2Curve.withCryptContext(key: key, encrypting: false) { context throws(NationalCryptoError) in
        var length = 0
        try LibCrypto.check(
          EVP_PKEY_decrypt(context, nil, &length, encoded, encoded.count), "SM2 decryption: size")
        var output = [UInt8](repeating: 0, count: length)
        try LibCrypto.check(
          EVP_PKEY_decrypt(context, &output, &length, encoded, encoded.count),
          "SM2 decryption (wrong key, or an altered ciphertext)")
        return Array(output.prefix(length))
      }
    }
  }
}
