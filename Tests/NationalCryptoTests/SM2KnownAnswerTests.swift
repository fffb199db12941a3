import NationalCrypto
import Testing

/// The published SM2 examples (`SM2Vectors`): keys derived, a signature verified, ciphertexts
/// decrypted in every form, and the ASN.1 form written byte for byte.
@Suite struct SM2KnownAnswerTests {
  @Test func annexPublicKeyIsDerivedFromItsPrivateKey() throws {
    let key = try SM2PrivateKey(bytes: bytes(SM2Vectors.annexPrivateKey))
    #expect(key.publicKey.uncompressed == bytes(SM2Vectors.annexPublicKey))
    let openSSLKey = try SM2PrivateKey(bytes: bytes(SM2Vectors.openSSLPrivateKey))
    #expect(openSSLKey.publicKey.uncompressed == bytes(SM2Vectors.openSSLPublicKey))
  }

  @Test func annexSignatureVerifies() throws {
    let publicKey = try SM2PublicKey(uncompressed: bytes(SM2Vectors.annexPublicKey))
    let signature = try SM2Signature(raw: bytes(SM2Vectors.annexR + SM2Vectors.annexS))
    let message = Array(SM2Vectors.annexSignedMessage.utf8)
    #expect(try publicKey.isValidSignature(signature, for: message))
    #expect(try publicKey.isValidSignature(SM2Signature(der: signature.der), for: message))
    #expect(try !publicKey.isValidSignature(signature, for: Array("message digesT".utf8)))
    #expect(try !publicKey.isValidSignature(signature, for: message, id: Array("1234567812345679".utf8)))
    var altered = signature.raw
    altered[63] ^= 1
    #expect(try !publicKey.isValidSignature(SM2Signature(raw: altered), for: message))
  }

  @Test func annexCiphertextDecryptsInEveryForm() throws {
    let key = try SM2PrivateKey(bytes: bytes(SM2Vectors.annexPrivateKey))
    let (c1, c2, c3) = (bytes(SM2Vectors.annexC1), bytes(SM2Vectors.annexC2), bytes(SM2Vectors.annexC3))
    let plaintext = Array(SM2Vectors.annexPlaintext.utf8)
    let forms = [
      try SM2Ciphertext(c1c3c2: c1 + c3 + c2), try SM2Ciphertext(c1c2c3: c1 + c2 + c3),
      try SM2Ciphertext(asn1: bytes(SM2Vectors.annexASN1)),
    ]
    for ciphertext in forms {
      #expect(try key.decrypt(ciphertext) == plaintext)
      #expect(ciphertext == forms[0])
    }
    #expect(forms[0].asn1 == bytes(SM2Vectors.annexASN1))
    #expect(forms[0].c1c2c3 == c1 + c2 + c3)
  }

  @Test func openSSLCiphertextDecrypts() throws {
    let key = try SM2PrivateKey(bytes: bytes(SM2Vectors.openSSLPrivateKey))
    let ciphertext = try SM2Ciphertext(asn1: bytes(SM2Vectors.openSSLCiphertext))
    #expect(ciphertext.asn1 == bytes(SM2Vectors.openSSLCiphertext))
    #expect(try key.decrypt(ciphertext) == Array(SM2Vectors.openSSLPlaintext.utf8))
    // Another key's ciphertext is refused, with OpenSSL's reason.
    let other = try SM2PrivateKey(bytes: bytes(SM2Vectors.annexPrivateKey))
    let error = #expect(throws: NationalCryptoError.self) { try other.decrypt(ciphertext) }
    #expect(error?.openSSLReasons.isEmpty == false)
  }
}
