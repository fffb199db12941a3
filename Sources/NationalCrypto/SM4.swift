import CLibCrypto

/// The SM4 block cipher (GB/T 32907-2016) under one 16-byte key, in ECB or CBC mode.
public struct SM4: Sendable {
  /// The key and block length of SM4 in bytes.
  public static let keySize = 16
  /// The block (and CBC initialisation vector) length in bytes.
  public static let blockSize = 16

  /// How blocks are chained.
  public enum Mode: Sendable, Equatable {
    /// Each block on its own, as the standard's known answers are computed.
    case ecb
    /// Cipher block chaining from a 16-byte initialisation vector.
    case cbc(iv: [UInt8])
  }

  /// How the last block is filled.
  public enum Padding: Sendable, Equatable {
    /// PKCS#7: always 1 to 16 bytes of their own count, checked on decryption.
    case pkcs7
    /// None: the input must be whole blocks (the standard's known answers, or framing done elsewhere).
    case none
  }

  private let key: [UInt8]

  /// A cipher under `key`, which must be 16 bytes.
  public init(key: [UInt8]) throws(NationalCryptoError) {
    guard key.count == Self.keySize else {
      throw .invalidInput("SM4 key: \(key.count) bytes, not \(Self.keySize)")
    }
    self.key = key
  }

  /// `plaintext` encrypted.
  public func encrypt(
    _ plaintext: [UInt8], mode: Mode, padding: Padding = .pkcs7
  ) throws(NationalCryptoError) -> [UInt8] {
    try crypt(plaintext, mode: mode, padding: padding, encrypting: true)
  }

  /// `ciphertext` decrypted; wrong padding (often a wrong key) is an error, never garbage.
  public func decrypt(
    _ ciphertext: [UInt8], mode: Mode, padding: Padding = .pkcs7
  ) throws(NationalCryptoError) -> [UInt8] {
    try crypt(ciphertext, mode: mode, padding: padding, encrypting: false)
  }

  private func crypt(
    _ input: [UInt8], mode: Mode, padding: Padding, encrypting: Bool
  ) throws(NationalCryptoError) -> [UInt8] {
    let operation = encrypting ? "SM4 encryption" : "SM4 decryption"
    // EVP counts bytes in an Int32; leave room for the padding block.
    guard input.count <= Int(Int32.max) - 2 * Self.blockSize else {
      throw .invalidInput("\(operation): \(input.count) bytes is too long")
    }
    if padding == .none || !encrypting, input.count % Self.blockSize != 0 {
      throw .invalidInput("\(operation): \(input.count) bytes is not a whole number of 16-byte blocks")
    }
    let cipher: OpaquePointer?
    let iv: [UInt8]?
    switch mode {
    case .ecb:
      (cipher, iv) = (EVP_sm4_ecb(), nil)
    case .cbc(let chainStart):
      guard chainStart.count == Self.blockSize else {
        throw .invalidInput("\(operation): CBC IV of \(chainStart.count) bytes, not \(Self.blockSize)")
      }
      (cipher, iv) = (EVP_sm4_cbc(), chainStart)
    }
    LibCrypto.clearErrors()
    guard let context = EVP_CIPHER_CTX_new() else { throw .openSSL("\(operation): no cipher context") }
    defer { EVP_CIPHER_CTX_free(context) }
    let direction: Int32 = encrypting ? 1 : 0
    let initialised =
      if let iv { EVP_CipherInit_ex(context, cipher, nil, key, iv, direction) } else {
        EVP_CipherInit_ex(context, cipher, nil, key, nil, direction)
      }
    try LibCrypto.check(initialised, "\(operation): set-up")
    try LibCrypto.check(
      EVP_CIPHER_CTX_set_padding(context, padding == .pkcs7 ? 1 : 0), "\(operation): padding")

    var output = [UInt8](repeating: 0, count: input.count + Self.blockSize)
    var updated: Int32 = 0
    var finished: Int32 = 0
    let result = output.withUnsafeMutableBufferPointer { buffer -> Int32 in
      guard EVP_CipherUpdate(context, buffer.baseAddress, &updated, input, Int32(input.count)) == 1 else {
        return 0
      }
      return EVP_CipherFinal_ex(context, buffer.baseAddress! + Int(updated), &finished)
    }
    try LibCrypto.check(result, encrypting ? operation : "\(operation): bad padding (or a wrong key)")
    return Array(output.prefix(Int(updated + finished)))
  }
}
