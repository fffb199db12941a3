import Crypto
import SyncProtocol

/// What the hub keeps of a push token for a pad enrolled in its database: the SHA-256 (hex) of
/// the `Authorization` header that presents it, so the database never holds the secret itself.
enum PushTokenHash {
  /// The hash of `header` as a pad sends it (`Bearer SECRET`).
  static func of(authorization header: String) -> String {
    SHA256.hash(data: Array(header.utf8)).map { byte in
      let hex = String(byte, radix: 16)
      return byte < 16 ? "0" + hex : hex
    }.joined()
  }

  /// The hash of `token`, as its pad will present it.
  static func of(_ token: AccessToken) -> String { of(authorization: token.authorization) }
}
