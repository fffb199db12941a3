/// The ledger's schema and its migrations, versioned by `PRAGMA user_version`.
enum LedgerSchema {
  /// Migrations in order; migration n brings the database to version n + 1.
  static let migrations: [String] = [
    """
    CREATE TABLE records (
      seq INTEGER PRIMARY KEY,
      uuid TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL,
      wall_ms INTEGER NOT NULL,
      utc_offset INTEGER NOT NULL,
      boot_id TEXT NOT NULL,
      mono_ns INTEGER NOT NULL,
      prompt_id TEXT,
      source TEXT,
      transaction_number TEXT,
      service_item_code TEXT,
      service_item_name TEXT,
      staff_number TEXT,
      window TEXT,
      department TEXT,
      stage TEXT,
      level TEXT,
      reasons TEXT NOT NULL DEFAULT '',
      checklist_version TEXT,
      suspect_reason TEXT,
      channel TEXT,
      detail TEXT,
      hash BLOB NOT NULL,
      signature BLOB NOT NULL
    );
    CREATE INDEX records_rated ON records (transaction_number, stage) WHERE kind = 'rating';
    CREATE TABLE meta (key TEXT PRIMARY KEY, value) WITHOUT ROWID;
    """
  ]

  /// The version this binary writes.
  static var current: Int64 { Int64(migrations.count) }

  /// The columns of `records` in the order `LedgerStore` reads them.
  static let columns = """
    seq, uuid, kind, wall_ms, utc_offset, boot_id, mono_ns, prompt_id, source, transaction_number,
    service_item_code, service_item_name, staff_number, window, department, stage, level, reasons,
    checklist_version, suspect_reason, channel, detail, hash, signature
    """
}
