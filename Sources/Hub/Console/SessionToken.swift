import Crypto
import Foundation

/// The random tokens of the console: a session's cookie (only its SHA-256 is stored) and the
/// CSRF tokens forms carry.
enum SessionToken {
  /// 32 random bytes, base64url without padding.
  static func make() -> String {
    let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max) }
    return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  /// The stored form of a session token: SHA-256, hex.
  static func hash(_ token: String) -> String {
    SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
  }

  /// Whether two tokens are equal, taking the same time wherever they differ.
  static func same(_ left: String, _ right: String) -> Bool {
    let a = Array(left.utf8)
    let b = Array(right.utf8)
    guard a.count == b.count, !a.isEmpty else { return false }
    return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
  }
}
