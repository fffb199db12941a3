/// SM2 (GB/T 32918-2016) on its recommended 256-bit curve: what keys, signatures and ciphertexts share.
public enum SM2 {
  /// The signer ID used when none is agreed, "1234567812345678" (GB/T 35276-2017, GM/T 0009-2012).
  public static let defaultID: [UInt8] = Array("1234567812345678".utf8)
  /// The length of a private key, and of each coordinate, in bytes.
  public static let scalarSize = 32
  /// The length of an uncompressed public key or ciphertext point: 04 || X || Y.
  public static let pointSize = 65

  /// Refuses a signer ID the signature's Z value cannot hold (its length in bits is 16 bits wide).
  static func checkID(_ id: [UInt8]) throws(NationalCryptoError) {
    guard (1...8191).contains(id.count) else {
      throw .invalidInput("SM2 signer ID: \(id.count) bytes, not 1 to 8191")
    }
  }
}
