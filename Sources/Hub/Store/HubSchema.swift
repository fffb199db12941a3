/// The hub's tables, described once for both engines, and the versioned list of migrations that
/// brings any database of either engine to the current schema.
enum HubSchema {
  /// One step of the schema: its version and the statements that make it.
  struct Migration: Sendable {
    let version: Int64
    let statements: @Sendable (SQLDialect) -> [String]
  }

  /// Every migration, oldest first. Append; never edit one that has shipped.
  static let migrations: [Migration] = [
    Migration(version: 1) { sql in
      [
        """
        CREATE TABLE devices (
          fingerprint TEXT PRIMARY KEY, name TEXT NOT NULL, card TEXT NOT NULL,
          last_seq \(sql.integer) NOT NULL, last_hash TEXT NOT NULL, problem TEXT)
        """,
        """
        CREATE TABLE records (
          device TEXT NOT NULL REFERENCES devices (fingerprint), seq \(sql.integer) NOT NULL,
          uuid TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, body TEXT NOT NULL, received_ms \(sql.integer) NOT NULL,
          PRIMARY KEY (device, seq))
        """,
        "CREATE TABLE pull_leases (pad TEXT PRIMARY KEY, holder TEXT NOT NULL, until_ms \(sql.integer) NOT NULL)",
      ]
    },
    // The report columns (`RecordColumns`), filled from the bodies already stored.
    Migration(version: 2) { sql in
      ["ALTER TABLE records ADD COLUMN wall_ms \(sql.integer)"]
        + RecordColumns.jsonPaths.map {
          "ALTER TABLE records ADD COLUMN \($0.column) TEXT NOT NULL DEFAULT ''"
        }
        + [
          "UPDATE records SET wall_ms = \(sql.jsonInteger("body", "wall_ms")), "
            + RecordColumns.jsonPaths.map { "\($0.column) = coalesce(\(sql.jsonText("body", $0.path)), '')" }
            .joined(separator: ", ")
        ]
    },
    // Pads enrolled in the database (`PadEnrolment`), and their last contact.
    Migration(version: 3) { sql in
      [
        "ALTER TABLE devices ADD COLUMN token_hash TEXT",
        "ALTER TABLE devices ADD COLUMN last_contact_ms \(sql.integer)",
        "ALTER TABLE devices ADD COLUMN reported_head \(sql.integer)",
        "CREATE UNIQUE INDEX devices_by_token ON devices (token_hash)",
      ]
    },
    // The pad's own stamp, boot and monotonic clock, and how the hub's time stands
    // (`ClockCorrection.Standing`), filled from the bodies already stored.
    Migration(version: 4) { sql in
      [
        "ALTER TABLE records ADD COLUMN pad_wall_ms \(sql.integer)",
        "ALTER TABLE records ADD COLUMN boot_id TEXT NOT NULL DEFAULT ''",
        "ALTER TABLE records ADD COLUMN mono_ns \(sql.integer) NOT NULL DEFAULT 0",
        "ALTER TABLE records ADD COLUMN clock TEXT NOT NULL DEFAULT 'unmarked'",
        """
        UPDATE records SET pad_wall_ms = \(sql.jsonInteger("body", "wall_ms")),
          boot_id = coalesce(\(sql.jsonText("body", ["boot_id"])), ''),
          mono_ns = coalesce(\(sql.jsonInteger("body", "monotonic_ns")), 0),
          clock = \(sql.jsonBoolean("body", "clock_known", true: "'known'", false: "'uncorrected'", else: "'unmarked'"))
        """,
      ]
    },
    // Reports by kind and time; the records a known one may re-date. (Databases made before
    // this list may have the indexes, and the PostgreSQL store's old version table.)
    Migration(version: 5) { _ in
      [
        "CREATE INDEX IF NOT EXISTS records_by_kind_time ON records (kind, wall_ms)",
        "CREATE INDEX IF NOT EXISTS records_uncorrected ON records (device, boot_id) WHERE clock = 'uncorrected'",
        "DROP TABLE IF EXISTS hub_schema",
      ]
    },
    // A key handed over to its successor when the pad's ledger started over (`KeyHandover`), and
    // the records of a fork: a seq the hub has, sent again with another hash, kept for the operator.
    Migration(version: 6) { sql in
      [
        "ALTER TABLE devices ADD COLUMN handed_over_to TEXT",
        """
        CREATE TABLE forked_records (
          device TEXT NOT NULL REFERENCES devices (fingerprint), seq \(sql.integer) NOT NULL, hash TEXT NOT NULL,
          body TEXT NOT NULL, received_ms \(sql.integer) NOT NULL, PRIMARY KEY (device, seq, hash))
        """,
      ]
    },
    // Pinned keys: what answered a pad's pull with another key (`PadPuller`), when each device
    // was enrolled (the newest under a pad's name is the one pulled), and the operators' actions
    // (`AuditEntry`).
    Migration(version: 7) { sql in
      [
        "ALTER TABLE devices ADD COLUMN impostor TEXT",
        "ALTER TABLE devices ADD COLUMN enrolled_ms \(sql.integer)",
        """
        CREATE TABLE audit_log (
          at_ms \(sql.integer) NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL, subject TEXT NOT NULL,
          detail TEXT NOT NULL)
        """,
      ]
    },
    // Cases the counter system sent for the province forwarder (`CaseStore`): the non-personal
    // fields as JSON, the applicant's identity sealed (`IdentitySeal`, base64 text on both
    // engines) and NULL once forgotten, when to forget it (NULL until the forward is acknowledged).
    Migration(version: 8) { sql in
      [
        """
        CREATE TABLE cases (
          number TEXT PRIMARY KEY, details TEXT NOT NULL, identity TEXT, received_ms \(sql.integer) NOT NULL,
          updated_ms \(sql.integer) NOT NULL, forget_after_ms \(sql.integer))
        """,
        "CREATE INDEX cases_to_forget ON cases (forget_after_ms) WHERE identity IS NOT NULL",
      ]
    },
    // The outbox to the province (`UplinkOutbox`): one row per stored record that concerns it,
    // written with the record; at most one forwardable row per case and stage.
    Migration(version: 9) { sql in
      [
        """
        CREATE TABLE uplink_outbox (
          device TEXT NOT NULL, seq \(sql.integer) NOT NULL, case_number TEXT NOT NULL, stage TEXT NOT NULL,
          state TEXT NOT NULL, why TEXT NOT NULL DEFAULT '', reasons TEXT, province_id TEXT,
          attempts \(sql.integer) NOT NULL DEFAULT 0, next_attempt_ms \(sql.integer) NOT NULL DEFAULT 0,
          lease_holder TEXT, lease_until_ms \(sql.integer), enqueued_ms \(sql.integer) NOT NULL, sent_ms \(sql.integer),
          PRIMARY KEY (device, seq), FOREIGN KEY (device, seq) REFERENCES records (device, seq))
        """,
        "CREATE UNIQUE INDEX uplink_once ON uplink_outbox (case_number, stage) WHERE state <> 'not_forwardable'",
        "CREATE INDEX uplink_due ON uplink_outbox (state, next_attempt_ms)",
        "CREATE INDEX records_by_prompt ON records (device, prompt_id)",
      ]
    },
    // The forwarder's lease takes the oldest pending entries first: without this index, each
    // round sorted the whole backlog (380 ms a round on 100,000 pending; 0.14 ms with it).
    Migration(version: 10) { _ in
      [
        "CREATE INDEX uplink_pending_order ON uplink_outbox (enqueued_ms, device, seq) WHERE state = 'pending'"
      ]
    },
    // The console's accounts (`AccountStore`): users with bcrypt hashes and their login throttle,
    // and live sessions by their token's hash; ratings by arrival, for the console's live feed.
    Migration(version: 11) { sql in
      [
        """
        CREATE TABLE console_users (
          name TEXT PRIMARY KEY, display_name TEXT NOT NULL, role TEXT NOT NULL, department TEXT NOT NULL,
          staff_number TEXT NOT NULL, disabled \(sql.integer) NOT NULL, password_hash TEXT NOT NULL,
          failed_logins \(sql.integer) NOT NULL, locked_until_ms \(sql.integer), created_ms \(sql.integer) NOT NULL)
        """,
        """
        CREATE TABLE console_sessions (
          token_hash TEXT PRIMARY KEY, user_name TEXT NOT NULL REFERENCES console_users (name), csrf TEXT NOT NULL,
          started_ms \(sql.integer) NOT NULL, expires_ms \(sql.integer) NOT NULL)
        """,
        "CREATE INDEX records_by_arrival ON records (received_ms) WHERE kind = 'rating'",
      ]
    },
    // Bad ratings' follow-ups (`FollowUpStore`): append-only actions (triggers refuse a change),
    // numbered per rating so two instances cannot both append the same step; the state after
    // each, for the queue's filters, and the closed ones, for its open ones; the bad ratings by
    // time, and by department and staff for the department heads' and staff's queues (a month's,
    // or one person's, among a million ratings).
    Migration(version: 12) { sql in
      [
        """
        CREATE TABLE followup_actions (
          rating_uuid TEXT NOT NULL REFERENCES records (uuid), ordinal \(sql.integer) NOT NULL,
          at_ms \(sql.integer) NOT NULL, actor TEXT NOT NULL, role TEXT NOT NULL, kind TEXT NOT NULL,
          text TEXT NOT NULL, days \(sql.integer), state_after TEXT NOT NULL, PRIMARY KEY (rating_uuid, ordinal))
        """,
        // With the uuid (and the condition's columns, without which SQLite reads the table row
        // anyway), the open ones are counted and found from the index and `followup_closed` alone.
        """
        CREATE INDEX records_bad_ratings ON records (wall_ms, device, seq, uuid, kind, level)
        WHERE \(RecordColumns.badRating)
        """,
        """
        CREATE INDEX records_bad_by_department ON records (department, wall_ms, device, seq)
        WHERE \(RecordColumns.badRating)
        """,
        "CREATE INDEX records_bad_by_staff ON records (staff, wall_ms, device, seq) WHERE \(RecordColumns.badRating)",
        "CREATE INDEX followup_closed ON followup_actions (rating_uuid) WHERE kind = 'close'",
      ] + followUpAppendOnly(sql)
    },
    // Bad-rating alerts to webhooks (`AlertOutbox`): one row per bad rating and webhook configured
    // when it was stored, written with the record.
    Migration(version: 13) { sql in
      [
        """
        CREATE TABLE alert_deliveries (
          device TEXT NOT NULL, seq \(sql.integer) NOT NULL, webhook TEXT NOT NULL, state TEXT NOT NULL,
          attempts \(sql.integer) NOT NULL DEFAULT 0, next_attempt_ms \(sql.integer) NOT NULL DEFAULT 0,
          last_error TEXT NOT NULL DEFAULT '', last_status \(sql.integer), delivered_ms \(sql.integer),
          lease_holder TEXT, lease_until_ms \(sql.integer), enqueued_ms \(sql.integer) NOT NULL,
          PRIMARY KEY (device, seq, webhook), FOREIGN KEY (device, seq) REFERENCES records (device, seq))
        """,
        "CREATE INDEX alert_due ON alert_deliveries (enqueued_ms, device, seq) WHERE state <> 'delivered'",
        "CREATE INDEX alert_newest ON alert_deliveries (enqueued_ms)",
      ]
    },
    // The console's reports read only this index (`ratingpad-hub bench console`, 1,000,000 ratings:
    // a month by window went from 417 ms to 44 ms of processor in SQLite, its table lookups gone);
    // it begins as `records_by_kind_time` did, which it replaces. The outbox by state and age: the
    // fleet page's oldest unsent and oldest pending without sorting every pending entry.
    Migration(version: 14) { _ in
      [
        """
        CREATE INDEX IF NOT EXISTS records_report
        ON records (kind, wall_ms, level, device, txn_window, staff, service_item, department)
        """,
        "DROP INDEX IF EXISTS records_by_kind_time",
        "CREATE INDEX IF NOT EXISTS uplink_by_state_age ON uplink_outbox (state, enqueued_ms, device, seq)",
      ]
    },
  ]

  /// Triggers that refuse to change or delete a follow-up action, whoever asks: an action is kept
  /// as it was recorded, not only by the hub's code but by the database.
  private static func followUpAppendOnly(_ sql: SQLDialect) -> [String] {
    let refusal = "follow-up actions are never changed or deleted"
    guard sql == .postgres else {
      return ["UPDATE", "DELETE"].map { event in
        """
        CREATE TRIGGER followup_actions_no_\(event.lowercased()) BEFORE \(event) ON followup_actions
        BEGIN SELECT RAISE(ABORT, '\(refusal)'); END
        """
      }
    }
    return [
      """
      CREATE FUNCTION followup_actions_append_only() RETURNS trigger LANGUAGE plpgsql
      AS $$ BEGIN RAISE EXCEPTION '\(refusal)'; END $$
      """,
      """
      CREATE TRIGGER followup_actions_append_only BEFORE UPDATE OR DELETE ON followup_actions
      FOR EACH ROW EXECUTE FUNCTION followup_actions_append_only()
      """,
    ]
  }

  /// The schema the code expects.
  static var currentVersion: Int64 { migrations.last!.version }

  /// The columns a record is inserted with, in the order `StoredRecord.row` gives them.
  static let recordColumns =
    ["device", "seq", "uuid", "kind", "body", "received_ms"] + RecordColumns.names + TimeColumns.names

  /// The columns a device is read with, in the order `EnrolledDevice.init(row:)` reads them.
  static let deviceColumns =
    "fingerprint, name, card, last_seq, last_hash, problem, last_contact_ms, reported_head, handed_over_to, impostor"

  /// The columns a stored record is read with, in the order `StoredRecord.init(row:)` reads them.
  static let storedRecordColumns = "device, body, wall_ms, clock"

  /// Brings the database to `currentVersion`, one hub instance at a time; a database already there
  /// is left alone (a schema change beside another instance's writes could deadlock with them).
  static func migrate(_ database: any HubDatabase) async throws {
    let dialect = database.dialect
    try await database.transaction { sql in
      if let lock = dialect.schemaLock { try await sql.execute(lock) }
      try await sql.execute("CREATE TABLE IF NOT EXISTS hub_migrations (version \(dialect.integer) NOT NULL)")
      var version = try await sql.scalar("SELECT max(version) FROM hub_migrations")?.integer
      if version == nil { version = try await adopt(sql, dialect) }
      guard var reached = version, reached < currentVersion else { return }
      for migration in migrations where migration.version > reached {
        for statement in migration.statements(dialect) { try await sql.execute(statement) }
        reached = migration.version
      }
      try await sql.execute("DELETE FROM hub_migrations")
      try await sql.execute("INSERT INTO hub_migrations (version) VALUES (?)", [.integer(reached)])
    }
  }

  /// The version of a database made before `hub_migrations` (whose schema grew by probing for
  /// columns): 0 when it has no tables, else the last migration whose column it already has.
  private static func adopt(_ sql: any HubSQL, _ dialect: SQLDialect) async throws -> Int64 {
    func has(_ table: String, _ column: String) async throws -> Bool {
      try await sql.scalar(dialect.columnCount, [.text(table), .text(column)])?.integer != 0
    }
    guard try await has("devices", "fingerprint") else { return 0 }
    var version: Int64 = 1
    for (table, column) in [("records", "wall_ms"), ("devices", "token_hash"), ("records", "clock")] {
      guard try await has(table, column) else { break }
      version += 1
    }
    return version
  }
}
