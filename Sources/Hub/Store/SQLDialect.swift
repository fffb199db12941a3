/// Everything the hub's SQL says differently on SQLite and on PostgreSQL, in one place; the schema
/// and the queries are written once, with `?` parameters.
enum SQLDialect: Sendable {
  case sqlite, postgres

  /// The type of a 64-bit integer column.
  var integer: String { self == .sqlite ? "INTEGER" : "BIGINT" }

  /// The text at `path` in a JSON text column, or NULL.
  func jsonText(_ column: String, _ path: [String]) -> String {
    self == .sqlite
      ? "json_extract(\(column), '$.\(path.joined(separator: "."))')"
      : "(\(column)::jsonb #>> '{\(path.joined(separator: ","))}')"
  }

  /// The integer at `key` in a JSON text column, or NULL.
  func jsonInteger(_ column: String, _ key: String) -> String {
    self == .sqlite ? "json_extract(\(column), '$.\(key)')" : "(\(column)::jsonb ->> '\(key)')::BIGINT"
  }

  /// A CASE over the boolean at `key` in a JSON text column (SQLite reads it as 1 or 0).
  func jsonBoolean(_ column: String, _ key: String, true yes: String, false no: String, else other: String)
    -> String
  {
    let (value, truth, falsity) =
      self == .sqlite
      ? ("json_extract(\(column), '$.\(key)')", "1", "0")
      : ("(\(column)::jsonb ->> '\(key)')", "'true'", "'false'")
    return "CASE \(value) WHEN \(truth) THEN \(yes) WHEN \(falsity) THEN \(no) ELSE \(other) END"
  }

  /// A query counting the columns named by its second parameter in the table named by its first.
  var columnCount: String {
    self == .sqlite
      ? "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?"
      : """
      SELECT count(*) FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ? AND column_name = ?
      """
  }

  /// The statement that keeps other hub instances out of a schema change until the transaction
  /// ends ("ratingpad" in ASCII, as a number); SQLite's `BEGIN IMMEDIATE` already holds its one
  /// writer's lock.
  var schemaLock: String? {
    self == .sqlite ? nil : "SELECT pg_advisory_xact_lock(\(0x7261_7469_6E67_7061 as Int64))"
  }

  /// `sql` with its `?` parameters as the engine numbers them (`$1`, `$2` … on PostgreSQL).
  func parameters(_ sql: String) -> String {
    guard self == .postgres else { return sql }
    var result = ""
    var number = 0
    var quoted = false
    for character in sql {
      if character == "'" { quoted.toggle() }
      if character == "?" && !quoted {
        number += 1
        result += "$\(number)"
      } else {
        result.append(character)
      }
    }
    return result
  }
}
