/// Where the console's accounts and sessions are kept: the hub's database, so every hub instance
/// sharing it knows the same users and sessions.
public protocol AccountStore: Sendable {
  /// Adds a user with a password hash; `AccountError.exists` when the name is taken. Audited.
  func addUser(_ user: ConsoleUser, passwordHash: String, audit: AuditEntry) async throws
  /// Replaces a user's password hash and ends its sessions. Audited.
  func setPassword(of name: String, hash: String, audit: AuditEntry) async throws
  /// Disables or enables a user; disabling ends its sessions. Audited.
  func setDisabled(_ name: String, _ disabled: Bool, audit: AuditEntry) async throws
  /// Every user, by name.
  func users() async throws -> [ConsoleUser]
  /// A user and its password hash and login throttle state.
  func account(named name: String) async throws -> StoredAccount?
  /// Notes a failed login: the count of failures in a row, and until when the account is locked.
  func noteFailedLogin(of name: String, lockedUntil: Int64?) async throws
  /// Notes a good login: the failures are forgotten.
  func noteGoodLogin(of name: String) async throws
  /// Starts a session: its token's hash, the CSRF token, and when it ends.
  func startSession(_ session: ConsoleSession) async throws
  /// The session with this token hash, and its user, if it has not ended (and the user is enabled).
  func session(tokenHash: String, now: Int64) async throws -> (ConsoleSession, ConsoleUser)?
  /// Ends a session.
  func endSession(tokenHash: String) async throws
  /// Records an operator's action in the audit log.
  func audit(_ entry: AuditEntry) async throws
}

/// A user as stored, with what logging in needs.
public struct StoredAccount: Sendable {
  /// The user.
  public var user: ConsoleUser
  /// Its bcrypt hash.
  public var passwordHash: String
  /// Failed logins in a row.
  public var failedLogins: Int
  /// Until when logging in is refused after those, milliseconds since the epoch.
  public var lockedUntil: Int64?
}

/// A logged-in browser: the hash of its cookie's token (the token itself is never stored), its
/// user, its CSRF token, and when it ends.
public struct ConsoleSession: Sendable, Equatable {
  /// SHA-256 of the cookie's token, hex.
  public var tokenHash: String
  /// The user's login name.
  public var user: String
  /// The token every form of this session must carry.
  public var csrf: String
  /// When it started and ends, milliseconds since the epoch.
  public var started: Int64
  public var expires: Int64
}

/// An account operation the stored accounts do not allow.
public enum AccountError: Error, Equatable, CustomStringConvertible {
  case exists(String)
  case unknown(String)

  public var description: String {
    switch self {
    case .exists(let name): "用户 \(name) 已存在 / user \(name) exists already"
    case .unknown(let name): "没有用户 \(name) / no user \(name)"
    }
  }
}
