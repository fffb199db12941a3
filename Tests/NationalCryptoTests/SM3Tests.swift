import NationalCrypto
import Testing

/// SM3 against the examples of GB/T 32905-2016 Annex A, and HMAC-SM3's shape.
@Suite struct SM3Tests {
  @Test func annexAExample1Abc() {
    #expect(
      hex(SM3.hash(Array("abc".utf8)))
        == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0")
  }

  @Test func annexAExample2SixtyFourBytes() {
    let message = Array(String(repeating: "abcd", count: 16).utf8)
    #expect(
      hex(SM3.hash(message)) == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732")
  }

  @Test func emptyInputHashes() {
    // The empty message's digest, as every SM3 implementation gives it (gmssl agrees in the cross-check).
    #expect(
      hex(SM3.hash([])) == "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b")
  }

  @Test func hmacDependsOnKeyAndMessage() {
    let mac = SM3.hmac(Array("message".utf8), key: Array("key".utf8))
    #expect(mac.count == 32)
    #expect(mac != SM3.hmac(Array("message".utf8), key: Array("kez".utf8)))
    #expect(mac != SM3.hmac(Array("messagf".utf8), key: Array("key".utf8)))
    #expect(mac != SM3.hash(Array("keymessage".utf8)))
  }
}
