import NationalCrypto
import Testing

/// Our own signatures and ciphertexts, read back: every form, and every alteration refused.
@Suite struct SM2RoundTripTests {
  let key: SM2PrivateKey
  let message = Array("time=20261205120000&appMark=ratingpad".utf8)

  init() throws { key = try SM2PrivateKey.generate() }

  @Test func generatedKeysDifferAndRebuildFromTheirBytes() throws {
    let second = try SM2PrivateKey.generate()
    #expect(second.bytes != key.bytes)
    #expect(try SM2PrivateKey(bytes: key.bytes).publicKey == key.publicKey)
    #expect(try SM2PublicKey(uncompressed: key.publicKey.uncompressed) == key.publicKey)
    #expect(!key.description.contains(hex(key.bytes)))
  }

  @Test func signatureVerifiesInBothForms() throws {
    let signature = try key.sign(message)
    #expect(try key.publicKey.isValidSignature(signature, for: message))
    #expect(try key.publicKey.isValidSignature(SM2Signature(der: signature.der), for: message))
    #expect(try key.publicKey.isValidSignature(SM2Signature(raw: signature.raw), for: message))
    // k is random: two signatures of one message differ, and both verify.
    #expect(try key.sign(message) != signature)
  }

  @Test func alteredSignatureMessageOrKeyIsRefused() throws {
    let signature = try key.sign(message)
    for index in [0, 31, 32, 63] {
      var raw = signature.raw
      raw[index] ^= 0x40
      #expect(try !key.publicKey.isValidSignature(SM2Signature(raw: raw), for: message))
    }
    #expect(try !key.publicKey.isValidSignature(signature, for: message + [0]))
    #expect(try !SM2PrivateKey.generate().publicKey.isValidSignature(signature, for: message))
    #expect(
      try !key.publicKey.isValidSignature(SM2Signature(raw: [UInt8](repeating: 0, count: 64)), for: message))
  }

  @Test func signerIDIsPartOfTheSignature() throws {
    let id = Array("province@example".utf8)
    let signature = try key.sign(message, id: id)
    #expect(try key.publicKey.isValidSignature(signature, for: message, id: id))
    #expect(try !key.publicKey.isValidSignature(signature, for: message))
    #expect(try !key.publicKey.isValidSignature(try key.sign(message), for: message, id: id))
    #expect(throws: NationalCryptoError.self) { try key.sign(message, id: []) }
  }

  @Test func ciphertextDecryptsInEveryForm() throws {
    let plaintext = Array("{\"data\":[{\"projectService\":{}}]}".utf8)
    let ciphertext = try key.publicKey.encrypt(plaintext)
    #expect(ciphertext.masked.count == plaintext.count)
    for form in [
      ciphertext, try SM2Ciphertext(asn1: ciphertext.asn1), try SM2Ciphertext(c1c3c2: ciphertext.c1c3c2),
      try SM2Ciphertext(c1c2c3: ciphertext.c1c2c3),
    ] {
      #expect(try key.decrypt(form) == plaintext)
    }
    #expect(try key.publicKey.encrypt(plaintext) != ciphertext)
  }

  @Test func alteredCiphertextIsRefused() throws {
    let ciphertext = try key.publicKey.encrypt(Array("appWord".utf8))
    var masked = ciphertext.masked
    masked[0] ^= 1
    var hash = ciphertext.hash
    hash[5] ^= 1
    for altered in [
      try SM2Ciphertext(point: ciphertext.point, hash: ciphertext.hash, masked: masked),
      try SM2Ciphertext(point: ciphertext.point, hash: hash, masked: ciphertext.masked),
    ] {
      #expect(throws: NationalCryptoError.self) { try key.decrypt(altered) }
    }
    // C1 moved off the curve.
    var point = ciphertext.point
    point[64] ^= 1
    let offCurve = try SM2Ciphertext(point: point, hash: ciphertext.hash, masked: ciphertext.masked)
    #expect(throws: NationalCryptoError.self) { try key.decrypt(offCurve) }
    // The other order read as this one.
    #expect(throws: NationalCryptoError.self) { try key.decrypt(SM2Ciphertext(c1c2c3: ciphertext.c1c3c2)) }
  }
}
