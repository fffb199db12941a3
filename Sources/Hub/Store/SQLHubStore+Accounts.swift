import RatingModel

extension SQLHubStore {
  static let userColumns =
    "name, display_name, role, department, staff_number, disabled, password_hash, failed_logins, locked_until_ms"

  public func addUser(_ user: ConsoleUser, passwordHash: String, audit: AuditEntry) async throws {
    try await database.transaction { sql in
      // Checked in the transaction, so the error names the user; the primary key still guards a race.
      guard
        try await sql.scalar("SELECT count(*) FROM console_users WHERE name = ?", [.text(user.name)])?.integer
          == 0
      else { throw AccountError.exists(user.name) }
      try await sql.insert(
        into: "console_users",
        columns: [
          "name", "display_name", "role", "department", "staff_number", "disabled", "password_hash",
          "failed_logins", "created_ms",
        ],
        rows: [
          [
            .text(user.name), .text(user.displayName), .text(user.role.rawValue), .text(user.department),
            .text(user.staffNumber), .integer(user.disabled ? 1 : 0), .text(passwordHash), .integer(0),
            .integer(audit.atMilliseconds),
          ]
        ])
      try await sql.insert(into: "audit_log", columns: AuditEntry.columns, rows: [audit.row])
    }
  }

  public func setPassword(of name: String, hash: String, audit: AuditEntry) async throws {
    try await changeUser(
      name, "SET password_hash = ?, failed_logins = 0, locked_until_ms = NULL", [.text(hash)], audit: audit)
  }

  public func setDisabled(_ name: String, _ disabled: Bool, audit: AuditEntry) async throws {
    try await changeUser(name, "SET disabled = ?", [.integer(disabled ? 1 : 0)], audit: audit)
  }

  /// Changes a user, ends its sessions and audits, in one transaction.
  private func changeUser(_ name: String, _ set: String, _ values: [SQLValue], audit: AuditEntry) async throws
  {
    try await database.transaction { sql in
      let changed = try await sql.rows(
        "UPDATE console_users \(set) WHERE name = ? RETURNING name", values + [.text(name)])
      guard !changed.isEmpty else { throw AccountError.unknown(name) }
      try await sql.execute("DELETE FROM console_sessions WHERE user_name = ?", [.text(name)])
      try await sql.insert(into: "audit_log", columns: AuditEntry.columns, rows: [audit.row])
    }
  }

  public func users() async throws -> [ConsoleUser] {
    try await database.rows("SELECT \(Self.userColumns) FROM console_users ORDER BY name", []).compactMap {
      StoredAccount(row: $0)?.user
    }
  }

  public func account(named name: String) async throws -> StoredAccount? {
    try await database.rows("SELECT \(Self.userColumns) FROM console_users WHERE name = ?", [.text(name)])
      .first.flatMap(StoredAccount.init(row:))
  }

  public func noteFailedLogin(of name: String, lockedUntil: Int64?) async throws {
    try await database.execute(
      "UPDATE console_users SET failed_logins = failed_logins + 1, locked_until_ms = ? WHERE name = ?",
      [lockedUntil.map { .integer($0) } ?? .null, .text(name)])
  }

  public func noteGoodLogin(of name: String) async throws {
    try await database.execute(
      "UPDATE console_users SET failed_logins = 0, locked_until_ms = NULL WHERE name = ?", [.text(name)])
  }

  public func startSession(_ session: ConsoleSession) async throws {
    try await database.transaction { sql in
      // Ended sessions go as new ones start, so the table holds only live ones.
      try await sql.execute("DELETE FROM console_sessions WHERE expires_ms < ?", [.integer(session.started)])
      try await sql.insert(
        into: "console_sessions", columns: ["token_hash", "user_name", "csrf", "started_ms", "expires_ms"],
        rows: [
          [
            .text(session.tokenHash), .text(session.user), .text(session.csrf), .integer(session.started),
            .integer(session.expires),
          ]
        ])
    }
  }

  public func session(tokenHash: String, now: Int64) async throws -> (ConsoleSession, ConsoleUser)? {
    let columns = Self.userColumns.split(separator: ",").map {
      "u." + $0.trimmingCharacters(in: .whitespaces)
    }
    guard
      let row = try await database.rows(
        """
        SELECT s.token_hash, s.user_name, s.csrf, s.started_ms, s.expires_ms, \(columns.joined(separator: ", "))
        FROM console_sessions s JOIN console_users u ON u.name = s.user_name
        WHERE s.token_hash = ? AND s.expires_ms > ? AND u.disabled = 0
        """, [.text(tokenHash), .integer(now)]
      ).first,
      let account = StoredAccount(row: Array(row[5...]))
    else { return nil }
    let session = ConsoleSession(
      tokenHash: row[0].text ?? "", user: row[1].text ?? "", csrf: row[2].text ?? "",
      started: row[3].integer ?? 0,
      expires: row[4].integer ?? 0)
    return (session, account.user)
  }

  public func endSession(tokenHash: String) async throws {
    try await database.execute("DELETE FROM console_sessions WHERE token_hash = ?", [.text(tokenHash)])
  }

  public func audit(_ entry: AuditEntry) async throws {
    try await database.insert(into: "audit_log", columns: AuditEntry.columns, rows: [entry.row])
  }
}

extension StoredAccount {
  /// An account from a row of `SQLHubStore.userColumns`; nil for a role this version does not know.
  fileprivate init?(row: [SQLValue]) {
    guard row.count >= 9, let role = ConsoleRole(rawValue: row[2].text ?? "") else { return nil }
    self.init(
      user: ConsoleUser(
        name: row[0].text ?? "", displayName: row[1].text ?? "", role: role, department: row[3].text ?? "",
        staffNumber: row[4].text ?? "", disabled: row[5].integer != 0),
      passwordHash: row[6].text ?? "", failedLogins: Int(row[7].integer ?? 0), lockedUntil: row[8].integer)
  }
}
