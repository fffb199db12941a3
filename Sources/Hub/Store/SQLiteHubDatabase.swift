import SQLite

/// The hub's SQLite engine: one file, WAL, every commit synced, one connection used only on its
/// own thread, one transaction at a time.
final class SQLiteHubDatabase: HubDatabase, @unchecked Sendable {
  let dialect = SQLDialect.sqlite
  private let connection: SQLiteConnection
  private let thread = SQLiteThread()
  private let turn = AsyncTurn()

  init(path: String) throws {
    connection = try SQLiteConnection(path: path)
    // First: a command opening the file while the hub writes (`uplink status`) waits for its turn
    // from the very first statement, rather than failing with "database is locked".
    try connection.execute("PRAGMA busy_timeout = 5000")
    try connection.execute("PRAGMA journal_mode = WAL")
    try connection.execute("PRAGMA synchronous = FULL")
    // What is deleted or overwritten (an applicant's identity forgotten) is zeroed in the file,
    // not left in a free page; the hub deletes little else, so it costs next to nothing.
    try connection.execute("PRAGMA secure_delete = ON")
    // 64 MiB of pages kept (the default 2 MiB): a quarter's report reads 25 MiB of the reports'
    // index, which otherwise came from the kernel again on every page view.
    try connection.execute("PRAGMA cache_size = -65536")
  }

  func transaction<T: Sendable>(_ body: @escaping @Sendable (any HubSQL) async throws -> T) async throws -> T
  {
    let session = Session(database: self)
    return try await turn.run {
      try await session.execute("BEGIN IMMEDIATE", [])
      do {
        let result = try await body(session)
        try await session.execute("COMMIT", [])
        return result
      } catch {
        try? await session.execute("ROLLBACK", [])
        throw error
      }
    }
  }

  /// The statements of the transaction that holds the turn, run on the connection's thread.
  private struct Session: HubSQL {
    let database: SQLiteHubDatabase

    func execute(_ sql: String, _ values: [SQLValue]) async throws {
      try await database.onThread { try $0.prepare(sql).run(values.map(\.sqlite)) }
    }

    func rows(_ sql: String, _ values: [SQLValue]) async throws -> [[SQLValue]] {
      try await database.onThread { connection in
        let statement = try connection.prepare(sql)
        try statement.bind(values.map(\.sqlite))
        var rows: [[SQLValue]] = []
        while try statement.step() {
          rows.append((0..<statement.columnCount).map { SQLValue(statement.value(at: $0)) })
        }
        return rows
      }
    }

    // One prepared statement, run row by row: SQLite has no round trips to save.
    func insert(into table: String, columns: [String], rows: [[SQLValue]]) async throws {
      try await database.onThread { connection in
        let marks = columns.map { _ in "?" }.joined(separator: ", ")
        let insert = try connection.prepare(
          "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(marks))")
        for row in rows { try insert.run(row.map(\.sqlite)) }
      }
    }
  }

  private func onThread<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws -> T) async throws
    -> T
  {
    try await thread.run { [self] in try body(connection) }
  }
}

extension SQLValue {
  fileprivate var sqlite: SQLiteValue {
    switch self {
    case .integer(let value): .integer(value)
    case .text(let value): .text(value)
    case .null: .null
    }
  }

  fileprivate init(_ value: SQLiteValue) {
    switch value {
    case .integer(let value): self = .integer(value)
    case .text(let value): self = .text(value)
    default: self = .null
    }
  }
}
