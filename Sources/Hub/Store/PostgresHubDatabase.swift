import Foundation
import Logging
import PostgresNIO

/// The hub's PostgreSQL engine (postgres-nio), for a hub that serves many halls, several instances
/// on one database.
final class PostgresHubDatabase: HubDatabase {
  let dialect = SQLDialect.postgres
  private let client: PostgresClient
  private let runner: Task<Void, Never>
  private let logger: Logger

  /// Connects to `postgres://user[:password]@host[:port]/database`.
  init(url: String, logger: Logger) throws {
    guard let parts = URLComponents(string: url), let host = parts.host, let user = parts.user else {
      throw PullError("database: '\(url)' is not postgres://user[:password]@host[:port]/database")
    }
    let database = parts.path.hasPrefix("/") ? String(parts.path.dropFirst()) : parts.path
    let configuration = PostgresClient.Configuration(
      host: host, port: parts.port ?? 5432, username: user, password: parts.password,
      database: database.isEmpty ? nil : database, tls: .disable)
    let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
    self.client = client
    self.logger = logger
    runner = Task { await client.run() }
  }

  deinit { runner.cancel() }

  func transaction<T: Sendable>(_ body: @escaping @Sendable (any HubSQL) async throws -> T) async throws -> T
  {
    do {
      return try await client.withTransaction(logger: logger) { connection in
        try await body(Session(connection: connection, logger: logger))
      }
    } catch let error as PostgresTransactionError {
      // What the transaction's own code threw (a refusal, say) is said as itself, once rolled back.
      if let thrown = error.closureError, error.rollbackError == nil { throw thrown }
      throw error
    }
  }

  /// The statements of one transaction, on its connection.
  private struct Session: HubSQL {
    let connection: PostgresConnection
    let logger: Logger

    func execute(_ sql: String, _ values: [SQLValue]) async throws {
      try await connection.query(try Self.query(sql, values), logger: logger)
    }

    func rows(_ sql: String, _ values: [SQLValue]) async throws -> [[SQLValue]] {
      var rows: [[SQLValue]] = []
      for try await row in try await connection.query(try Self.query(sql, values), logger: logger) {
        rows.append(try row.map { try SQLValue($0) })
      }
      return rows
    }

    // Multi-row INSERTs, as many rows each as PostgreSQL's 65,535 parameters allow: one round trip
    // for a page of records, not one a record.
    func insert(into table: String, columns: [String], rows: [[SQLValue]]) async throws {
      let perStatement = Int(UInt16.max) / max(1, columns.count)
      let row = "(" + columns.map { _ in "?" }.joined(separator: ", ") + ")"
      for start in stride(from: 0, to: rows.count, by: perStatement) {
        let chunk = rows[start..<min(rows.count, start + perStatement)]
        let values = Array(repeating: row, count: chunk.count).joined(separator: ", ")
        try await execute(
          "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES \(values)", chunk.flatMap { $0 })
      }
    }

    private static func query(_ sql: String, _ values: [SQLValue]) throws -> PostgresQuery {
      var binds = PostgresBindings(capacity: values.count)
      for value in values {
        switch value {
        case .integer(let number): try binds.append(number)
        case .text(let text): try binds.append(text)
        case .null: binds.appendNull()
        }
      }
      return PostgresQuery(unsafeSQL: SQLDialect.postgres.parameters(sql), binds: binds)
    }
  }
}

extension SQLValue {
  /// A cell of the types the hub's columns and aggregates have.
  fileprivate init(_ cell: PostgresCell) throws {
    guard cell.bytes != nil else {
      self = .null
      return
    }
    switch cell.dataType {
    case .int8: self = .integer(try cell.decode(Int64.self))
    case .int4: self = .integer(Int64(try cell.decode(Int32.self)))
    case .bool: self = .integer(try cell.decode(Bool.self) ? 1 : 0)
    default: self = .text(try cell.decode(String.self))
    }
  }
}
