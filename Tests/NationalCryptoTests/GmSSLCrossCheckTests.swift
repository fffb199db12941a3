import NationalCrypto
import Testing

/// The wrapper against gmssl, an independent implementation: what one makes, the other accepts.
@Suite(
  .serialized,
  .enabled(if: GmSSL.isInstalled, "gmssl is not installed: run Tests/gmssl/venv (Tests/run does)"))
struct GmSSLCrossCheckTests {
  let key: SM2PrivateKey
  let message = Array("time=20261205120000&appMark=ratingpad&appWord=secret 好差评".utf8)

  init() throws { key = try SM2PrivateKey.generate() }

  @Test func sm3AndHMACAgree() async throws {
    for message in [[], message, [UInt8](repeating: 0x61, count: 200)] {
      #expect(try await GmSSL.run("sm3", hex(message)) == hex(SM3.hash(message)))
      for key in [Array("k".utf8), [UInt8](repeating: 7, count: 64), [UInt8](repeating: 9, count: 100)] {
        #expect(try await GmSSL.run("hmac-sm3", hex(key), hex(message)) == hex(SM3.hmac(message, key: key)))
      }
    }
  }

  @Test func sm4AgreesInBothModes() async throws {
    let cipherKey = (0..<16).map { UInt8($0 * 17) }
    let iv = (0..<16).map { UInt8(255 - $0) }
    let cipher = try SM4(key: cipherKey)
    for (mode, ivArgument) in [(SM4.Mode.ecb, "-"), (.cbc(iv: iv), hex(iv))] {
      let ours = try cipher.encrypt(message, mode: mode)
      #expect(try await GmSSL.run("sm4-encrypt", hex(cipherKey), ivArgument, hex(message)) == hex(ours))
      let theirs = try await GmSSL.run(
        "sm4-encrypt", hex(cipherKey), ivArgument, hex(Array(message.prefix(20))))
      #expect(try cipher.decrypt(bytes(theirs), mode: mode) == Array(message.prefix(20)))
    }
  }

  @Test func ourSignatureVerifiesInGmSSL() async throws {
    let signature = try key.sign(message)
    #expect(
      try await GmSSL.run("sm2-verify", hex(key.publicKey.uncompressed), hex(message), hex(signature.raw))
        == "valid")
    #expect(
      try await GmSSL.run(
        "sm2-verify", hex(key.publicKey.uncompressed), hex(message + [0]), hex(signature.raw))
        == "invalid")
  }

  @Test func gmSSLSignatureVerifiesHere() async throws {
    let raw = try await GmSSL.run("sm2-sign", hex(key.bytes), hex(key.publicKey.uncompressed), hex(message))
    let signature = try SM2Signature(raw: bytes(raw))
    #expect(try key.publicKey.isValidSignature(signature, for: message))
    #expect(try key.publicKey.isValidSignature(SM2Signature(der: signature.der), for: message))
    #expect(try !key.publicKey.isValidSignature(signature, for: message, id: Array("another signer".utf8)))
  }

  @Test func ourCiphertextDecryptsInGmSSL() async throws {
    let ciphertext = try key.publicKey.encrypt(message)
    let forms = [("c1c3c2", ciphertext.c1c3c2), ("c1c2c3", ciphertext.c1c2c3)]
    for (form, raw) in forms {
      #expect(try await GmSSL.run("sm2-decrypt", hex(key.bytes), form, hex(raw)) == hex(message), "\(form)")
    }
  }

  @Test func gmSSLCiphertextDecryptsHere() async throws {
    let c1c3c2 = try await GmSSL.run("sm2-encrypt", hex(key.publicKey.uncompressed), "c1c3c2", hex(message))
    #expect(try key.decrypt(SM2Ciphertext(c1c3c2: bytes(c1c3c2))) == message)
    let c1c2c3 = try await GmSSL.run("sm2-encrypt", hex(key.publicKey.uncompressed), "c1c2c3", hex(message))
    let ciphertext = try SM2Ciphertext(c1c2c3: bytes(c1c2c3))
    #expect(try key.decrypt(ciphertext) == message)
    #expect(try key.decrypt(SM2Ciphertext(asn1: ciphertext.asn1)) == message)
  }
}
