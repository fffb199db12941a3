import NationalCrypto
import Testing

/// Input from outside that is wrong is an error naming what failed, never a crash.
@Suite struct SM2BadInputTests {
  @Test func privateKeysOutsideTheRangeOrLengthAreRefused() {
    let order = bytes("FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123")
    var orderMinusOne = order
    orderMinusOne[31] -= 1
    var orderMinusTwo = order
    orderMinusTwo[31] -= 2
    for bad in [
      [UInt8](repeating: 0, count: 32), order, orderMinusOne, [UInt8](repeating: 0xff, count: 32), [1],
    ] {
      #expect(throws: NationalCryptoError.self) { try SM2PrivateKey(bytes: bad) }
    }
    #expect(throws: Never.self) { try SM2PrivateKey(bytes: orderMinusTwo) }
    #expect(throws: NationalCryptoError.self) { try SM2PrivateKey(hex: "not hex") }
  }

  @Test func publicKeysOffTheCurveOrMisshapenAreRefused() throws {
    var point = bytes(SM2Vectors.annexPublicKey)
    point[64] ^= 1
    let error = #expect(throws: NationalCryptoError.self) { try SM2PublicKey(uncompressed: point) }
    #expect(error?.what.contains("not a point on the SM2 curve") == true)
    var compressedTag = bytes(SM2Vectors.annexPublicKey)
    compressedTag[0] = 0x02
    for bad in [
      compressedTag, Array(bytes(SM2Vectors.annexPublicKey).dropFirst()), [],
      [UInt8](repeating: 4, count: 65),
    ] {
      #expect(throws: NationalCryptoError.self) { try SM2PublicKey(uncompressed: bad) }
    }
  }

  @Test func garbageSignaturesAreRefused() {
    let good = bytes("3046022100" + SM2Vectors.annexR + "022100" + SM2Vectors.annexS)
    #expect(throws: Never.self) { try SM2Signature(der: good) }
    let bad: [[UInt8]] = [
      [], [0x30], [0x30, 0x00], good + [0], Array(good.dropLast()),
      [0x30, 0x06, 0x02, 0x01, 0x80, 0x02, 0x01, 0x01],  // negative r
      [0x30, 0x07, 0x02, 0x02, 0x00, 0x01, 0x02, 0x01, 0x01],  // r not minimal
      [0x30, 0x81, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],  // length not minimal
      [0x30, 0x26, 0x02, 0x21] + [UInt8](repeating: 0x11, count: 33) + [0x02, 0x01, 0x01],  // r over 32 bytes
      [0x31, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01],  // a SET
      [0x30, 0x84, 0xff, 0xff, 0xff, 0xff],
    ]
    for der in bad {
      #expect(throws: NationalCryptoError.self, "\(hex(der))") { try SM2Signature(der: der) }
    }
    #expect(throws: NationalCryptoError.self) { try SM2Signature(raw: [UInt8](repeating: 1, count: 63)) }
  }

  @Test func garbageCiphertextsAreRefused() {
    let raw = bytes(SM2Vectors.annexC1 + SM2Vectors.annexC3 + SM2Vectors.annexC2)
    for bad: [UInt8] in [[], Array(raw.prefix(97)), [0x05] + Array(raw.dropFirst())] {
      #expect(throws: NationalCryptoError.self) { try SM2Ciphertext(c1c3c2: bad) }
      #expect(throws: NationalCryptoError.self) { try SM2Ciphertext(c1c2c3: bad) }
    }
    let asn1 = bytes(SM2Vectors.annexASN1)
    for bad: [UInt8] in [
      [], asn1 + [0], Array(asn1.dropLast()), [0x30, 0x00], [0x04] + Array(asn1.dropFirst()),
    ] {
      #expect(throws: NationalCryptoError.self) { try SM2Ciphertext(asn1: bad) }
    }
    #expect(throws: NationalCryptoError.self) { try SM2PrivateKey.generate().publicKey.encrypt([]) }
  }
}
