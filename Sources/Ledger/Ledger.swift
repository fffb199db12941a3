/// The ledger: every rating, expiry, suspect press and device event, append-only in SQLite,
/// hash-chained and signed by the device key, kept until the hub has acknowledged it.
///
/// It speaks to SQLite through the C API (one thin wrapper, `SQLiteConnection`) rather than
/// GRDB: the ledger needs exact control of WAL, `synchronous=FULL`, `BEGIN IMMEDIATE`, and of
/// error codes such as `SQLITE_FULL` and `SQLITE_NOTADB`, uses a handful of fixed statements,
/// and so gains nothing from a query layer but a larger dependency and a slower build.
public enum LedgerModule {}
