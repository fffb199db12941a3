import CLibCrypto

/// The SM3 hash (GB/T 32905-2016) and HMAC-SM3, through libcrypto's EVP interface.
public enum SM3 {
  /// The length of an SM3 digest in bytes.
  public static let digestSize = 32

  /// The SM3 digest of `bytes`.
  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: digestSize)
    var length: UInt32 = 0
    let result = EVP_Digest(bytes, bytes.count, &digest, &length, EVP_sm3(), nil)
    // No input makes SM3 fail; only a libcrypto without SM3 would, and Debian 12's has it.
    precondition(result == 1 && length == digestSize, "libcrypto has no SM3: \(LibCrypto.takeErrors())")
    return digest
  }

  /// HMAC-SM3 (RFC 2104 over SM3) of `bytes` under `key`; some provinces sign requests with it.
  public static func hmac(_ bytes: [UInt8], key: [UInt8]) -> [UInt8] {
    var mac = [UInt8](repeating: 0, count: digestSize)
    var length: UInt32 = 0
    let result = HMAC(EVP_sm3(), key, Int32(clamping: key.count), bytes, bytes.count, &mac, &length)
    precondition(
      result != nil && length == digestSize, "libcrypto has no HMAC-SM3: \(LibCrypto.takeErrors())")
    return mac
  }
}
