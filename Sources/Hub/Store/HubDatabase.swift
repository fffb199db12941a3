/// A value in or out of the hub's database: the two kinds its columns hold, or nothing.
enum SQLValue: Sendable, Equatable {
  case integer(Int64)
  case text(String)
  case null

  /// The text, or nil.
  init(_ text: String?) { self = text.map { .text($0) } ?? .null }

  var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
  var text: String? { if case .text(let value) = self { value } else { nil } }
}

/// What the hub's store asks of a database engine: statements with `?` parameters, rows back, and
/// many rows inserted at once, each engine in its best way.
protocol HubSQL: Sendable {
  /// Runs a statement.
  func execute(_ sql: String, _ values: [SQLValue]) async throws
  /// Runs a query and returns its rows.
  func rows(_ sql: String, _ values: [SQLValue]) async throws -> [[SQLValue]]
  /// Inserts `rows` into `table`'s `columns`.
  func insert(into table: String, columns: [String], rows: [[SQLValue]]) async throws
}

/// One of the hub's two engines: every statement runs in a transaction, alone or with others.
protocol HubDatabase: HubSQL {
  /// How the engine's SQL differs from the other's.
  var dialect: SQLDialect { get }
  /// Runs `body` in one transaction: committed if it returns, rolled back if it throws.
  func transaction<T: Sendable>(_ body: @escaping @Sendable (any HubSQL) async throws -> T) async throws -> T
}

extension HubDatabase {
  func execute(_ sql: String, _ values: [SQLValue]) async throws {
    try await transaction { try await $0.execute(sql, values) }
  }

  func rows(_ sql: String, _ values: [SQLValue]) async throws -> [[SQLValue]] {
    try await transaction { try await $0.rows(sql, values) }
  }

  func insert(into table: String, columns: [String], rows: [[SQLValue]]) async throws {
    try await transaction { try await $0.insert(into: table, columns: columns, rows: rows) }
  }
}

extension HubSQL {
  func execute(_ sql: String) async throws { try await execute(sql, []) }

  /// The first column of the first row, if any.
  func scalar(_ sql: String, _ values: [SQLValue] = []) async throws -> SQLValue? {
    try await rows(sql, values).first?.first
  }
}
