/// The ledger's schema and its migrations, versioned by `PRAGMA user_version`.
enum LedgerSchema {
  /// Migrations in order; migration n brings the database to version n + 1.
  ///
  /// Rows are kept compact (target: under 300 bytes a record): UUIDs as 16-byte blobs, hash and
  /// signature as raw bytes, and what repeats record after record stored once and referenced:
  /// the boot id in `boots`, and where a rating comes from (source, channel, clerk, window,
  /// department) in `origins`.
  static let migrations: [String] = [
    """
    CREATE TABLE records (
      seq INTEGER PRIMARY KEY,
      uuid BLOB NOT NULL,
      kind TEXT NOT NULL,
      wall_ms INTEGER NOT NULL,
      utc_offset INTEGER NOT NULL,
      boot INTEGER NOT NULL REFERENCES boots (id),
      mono_ns INTEGER NOT NULL,
      prompt_id TEXT,
      origin INTEGER NOT NULL REFERENCES origins (id),
      transaction_number TEXT,
      service_item_code TEXT,
      service_item_name TEXT,
      stage TEXT,
      level TEXT,
      reasons TEXT NOT NULL DEFAULT '',
      checklist_version TEXT,
      suspect_reason TEXT,
      detail TEXT,
      hash BLOB NOT NULL,
      signature BLOB NOT NULL
    );
    CREATE INDEX records_rated ON records (transaction_number) WHERE kind = 'rating';
    CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
    CREATE TABLE boots (id INTEGER PRIMARY KEY, boot_id TEXT NOT NULL UNIQUE);
    CREATE TABLE origins (
      id INTEGER PRIMARY KEY, source TEXT, channel TEXT, staff_number TEXT, window TEXT, department TEXT,
      UNIQUE (source, channel, staff_number, window, department)
    );
    """,
    // The counter system asks what became of its prompts.
    """
    CREATE INDEX records_prompt ON records (prompt_id) WHERE prompt_id IS NOT NULL;
    """,
    // Whether the wall clock was known when the record was written: 1 or 0, NULL for records
    // written before the pad said (canonical encoding version 1).
    """
    ALTER TABLE records ADD COLUMN clock_known INTEGER;
    """,
  ]

  /// The version this binary writes.
  static var current: Int64 { Int64(migrations.count) }

  /// The columns of `records` in the order `LedgerStore` writes them.
  static let columns = """
    seq, uuid, kind, wall_ms, utc_offset, boot, mono_ns, prompt_id, origin, transaction_number,
    service_item_code, service_item_name, stage, level, reasons, checklist_version, suspect_reason, detail,
    hash, signature, clock_known
    """

  /// What reads select: every field of a record, with boot and origin resolved.
  static let selection = """
    r.seq, r.uuid, r.kind, r.wall_ms, r.utc_offset, b.boot_id, r.mono_ns, r.prompt_id, o.source,
    r.transaction_number, r.service_item_code, r.service_item_name, o.staff_number, o.window, o.department,
    r.stage, r.level, r.reasons, r.checklist_version, r.suspect_reason, o.channel, r.detail, r.hash, r.signature,
    r.clock_known
    FROM records r JOIN boots b ON b.id = r.boot JOIN origins o ON o.id = r.origin
    """
}
