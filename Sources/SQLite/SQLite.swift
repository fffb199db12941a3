/// SQLite through its C API, for the pad's ledger and the hub's store alike.
///
/// One thin wrapper (`SQLiteConnection`, the only holder of sqlite3 pointers) rather than GRDB:
/// the ledger needs exact control of WAL, `synchronous=FULL`, `BEGIN IMMEDIATE`, and of error
/// codes such as `SQLITE_FULL` and `SQLITE_NOTADB`, uses a handful of fixed statements, and so
/// gains nothing from a query layer but a larger dependency and a slower build.
public enum SQLiteModule {}
