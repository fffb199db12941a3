import CLibCrypto

/// A national-crypto operation that failed: what failed, and OpenSSL's reasons when it gave any.
public struct NationalCryptoError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The operation or the input that failed, e.g. "SM4 key: 15 bytes, not 16".
  public let what: String
  /// OpenSSL's error strings (ERR_error_string_n), oldest first; empty for input refused before OpenSSL saw it.
  public let openSSLReasons: [String]

  public var description: String {
    openSSLReasons.isEmpty ? what : "\(what): \(openSSLReasons.joined(separator: "; "))"
  }

  /// Input from outside refused by our own checks (lengths, encodings), before any OpenSSL call.
  static func invalidInput(_ what: String) -> NationalCryptoError {
    NationalCryptoError(what: what, openSSLReasons: [])
  }

  /// An OpenSSL call that failed, with the reasons on this thread's error queue (which it empties).
  static func openSSL(_ what: String) -> NationalCryptoError {
    NationalCryptoError(what: what, openSSLReasons: LibCrypto.takeErrors())
  }
}
