import NationalCrypto
import Testing

/// SM4 against the examples of GB/T 32907-2016 Annex A, its modes and padding, and refused input.
@Suite struct SM4Tests {
  static let key = bytes("0123456789abcdeffedcba9876543210")

  @Test func annexAExample1OneBlock() throws {
    let cipher = try SM4(key: Self.key)
    let ciphertext = try cipher.encrypt(Self.key, mode: .ecb, padding: .none)
    #expect(hex(ciphertext) == "681edf34d206965e86b3e94f536e4246")
    #expect(try cipher.decrypt(ciphertext, mode: .ecb, padding: .none) == Self.key)
  }

  /// A correctness test, not a timing one: one EVP context per call, a few seconds in a debug build.
  @Test func annexAExample2AMillionTimes() throws {
    let cipher = try SM4(key: Self.key)
    var block = Self.key
    for _ in 0..<1_000_000 { block = try cipher.encrypt(block, mode: .ecb, padding: .none) }
    #expect(hex(block) == "595298c7c6fd271f0402f804c33d3f66")
  }

  @Test func pkcs7PadsAlwaysAndRoundTrips() throws {
    let cipher = try SM4(key: Self.key)
    let iv = bytes("000102030405060708090a0b0c0d0e0f")
    for count in [0, 1, 15, 16, 17, 100] {
      let plaintext = (0..<count).map { UInt8(truncatingIfNeeded: $0 * 7) }
      for mode in [SM4.Mode.ecb, .cbc(iv: iv)] {
        let ciphertext = try cipher.encrypt(plaintext, mode: mode)
        #expect(ciphertext.count == (count / 16 + 1) * 16)
        #expect(try cipher.decrypt(ciphertext, mode: mode) == plaintext)
      }
    }
  }

  @Test func cbcChainsFromItsIV() throws {
    let cipher = try SM4(key: Self.key)
    let plaintext = Self.key + Self.key
    let ecb = try cipher.encrypt(plaintext, mode: .ecb, padding: .none)
    let zeroIV = try cipher.encrypt(
      plaintext, mode: .cbc(iv: [UInt8](repeating: 0, count: 16)), padding: .none)
    // CBC's first block under a zero IV is ECB's; the second is chained, so it differs.
    #expect(zeroIV.prefix(16) == ecb.prefix(16))
    #expect(zeroIV.suffix(16) != ecb.suffix(16))
    // The second CBC block is E(P2 xor C1).
    let chained = zip(Self.key, zeroIV.prefix(16)).map { $0 ^ $1 }
    #expect(Array(zeroIV.suffix(16)) == (try cipher.encrypt(chained, mode: .ecb, padding: .none)))
  }

  @Test func wrongSizesAreErrors() throws {
    #expect(throws: NationalCryptoError.self) { try SM4(key: Array(Self.key.prefix(15))) }
    #expect(throws: NationalCryptoError.self) { try SM4(key: Self.key + [0]) }
    let cipher = try SM4(key: Self.key)
    #expect(throws: NationalCryptoError.self) { try cipher.encrypt([1, 2, 3], mode: .cbc(iv: [0])) }
    #expect(throws: NationalCryptoError.self) { try cipher.encrypt([1, 2, 3], mode: .ecb, padding: .none) }
    #expect(throws: NationalCryptoError.self) { try cipher.decrypt([1, 2, 3], mode: .ecb) }
    #expect(throws: NationalCryptoError.self) { try cipher.decrypt([], mode: .ecb) }
  }

  @Test func badPaddingIsAnErrorNamingIt() throws {
    let cipher = try SM4(key: Self.key)
    // A block whose decryption ends in 0x00 has no valid PKCS#7 padding.
    let block = try cipher.encrypt([UInt8](repeating: 0, count: 16), mode: .ecb, padding: .none)
    let error = #expect(throws: NationalCryptoError.self) { try cipher.decrypt(block, mode: .ecb) }
    #expect(error?.what.contains("padding") == true)
    #expect(error?.openSSLReasons.isEmpty == false)
    let other = try SM4(key: [UInt8](repeating: 9, count: 16))
    let ciphertext = try cipher.encrypt(Array("a rating for Fujian".utf8), mode: .ecb)
    #expect(throws: NationalCryptoError.self) { try other.decrypt(ciphertext, mode: .ecb) }
  }
}
