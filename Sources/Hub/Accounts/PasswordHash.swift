import HummingbirdBcrypt

/// Console passwords, hashed with bcrypt (hummingbird-auth's `Bcrypt`).
public enum PasswordHash {
  /// bcrypt's work factor: 2^10 rounds, about 60 ms here, so a login stays quick while a stolen
  /// hash stays expensive to guess (OWASP's floor for bcrypt).
  static let cost: UInt8 = 10

  /// The shortest password accepted.
  public static let minimumLength = 10

  /// The hash of `password`; `PasswordRefusal` when it is too short or too long for bcrypt.
  public static func make(_ password: String) throws(PasswordRefusal) -> String {
    guard password.count >= minimumLength else { throw .tooShort }
    // bcrypt reads 72 bytes at most: a longer password would be cut without a word.
    guard password.utf8.count <= 72 else { throw .tooLong }
    return Bcrypt.hash(password, cost: cost)
  }

  /// Whether `password` is the one `hash` was made from.
  public static func verify(_ password: String, hash: String) -> Bool {
    guard password.utf8.count <= 72, hash.hasPrefix("$2") else { return false }
    return Bcrypt.verify(password, hash: hash)
  }

  /// A hash no password matches, checked against for unknown users so their logins take as long.
  static let decoy = Bcrypt.hash("decoy password, never used", cost: cost)
}

/// A password the console does not accept.
public enum PasswordRefusal: Error, CustomStringConvertible {
  case tooShort, tooLong

  public var description: String {
    switch self {
    case .tooShort:
      "密码至少 \(PasswordHash.minimumLength) 个字符 / a password needs at least \(PasswordHash.minimumLength) characters"
    case .tooLong: "密码最长 72 字节 / a password is at most 72 bytes"
    }
  }
}
