import CLibCrypto

/// The few helpers every libcrypto call here shares: the error queue and result checks.
enum LibCrypto {
  /// Empties this thread's OpenSSL error queue and returns its strings, oldest first.
  static func takeErrors() -> [String] {
    var reasons: [String] = []
    while case let code = ERR_get_error(), code != 0 {
      var buffer = [CChar](repeating: 0, count: 256)
      ERR_error_string_n(code, &buffer, buffer.count)
      let text = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
      reasons.append(String(decoding: text, as: UTF8.self))
    }
    return reasons
  }

  /// Forgets errors an earlier call left behind, so a failure reports only its own reasons.
  static func clearErrors() {
    ERR_clear_error()
  }

  /// Throws the queue's reasons unless an OpenSSL call returned 1, its success value.
  static func check(_ result: Int32, _ what: @autoclosure () -> String) throws(NationalCryptoError) {
    guard result == 1 else { throw .openSSL(what()) }
  }
}
