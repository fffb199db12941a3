import CSQLite

/// One SQLite connection; the only type that touches sqlite3 pointers.
public final class SQLiteConnection {
  private let handle: OpaquePointer
  public let path: String

  /// Opens `path`; read-only connections never create the file.
  public init(path: String, readOnly: Bool = false) throws(SQLiteError) {
    var pointer: OpaquePointer?
    let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
    let code = sqlite3_open_v2(path, &pointer, flags | SQLITE_OPEN_NOMUTEX, nil)
    guard code == SQLITE_OK, let pointer else {
      let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      sqlite3_close_v2(pointer)
      throw SQLiteError(code: code, message: message, path: path)
    }
    handle = pointer
    self.path = path
    sqlite3_extended_result_codes(handle, 1)
  }

  deinit { sqlite3_close_v2(handle) }

  /// Runs SQL that returns no rows (may hold several statements).
  public func execute(_ sql: String) throws(SQLiteError) {
    let code = sqlite3_exec(handle, sql, nil, nil, nil)
    guard code == SQLITE_OK else { throw error(code) }
  }

  /// Prepares one statement.
  public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    var statement: OpaquePointer?
    let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
    guard code == SQLITE_OK, let statement else { throw error(code) }
    return SQLiteStatement(statement, connection: self)
  }

  /// Runs a query and returns the first column of the first row, if any.
  public func scalar(_ sql: String, _ values: [SQLiteValue] = []) throws(SQLiteError) -> SQLiteValue? {
    let statement = try prepare(sql)
    try statement.bind(values)
    return try statement.step() ? statement.value(at: 0) : nil
  }

  /// Runs `body` in a `BEGIN IMMEDIATE` transaction: committed if it returns, rolled back if it throws.
  public func transaction<T>(_ body: () throws -> T) throws -> T {
    try execute("BEGIN IMMEDIATE")
    do {
      let result = try body()
      try execute("COMMIT")
      return result
    } catch {
      try? execute("ROLLBACK")
      throw error
    }
  }

  func error(_ code: Int32) -> SQLiteError {
    SQLiteError(code: code, message: String(cString: sqlite3_errmsg(handle)), path: path)
  }
}

/// A prepared statement, finalized when released.
public final class SQLiteStatement {
  private let handle: OpaquePointer
  private let connection: SQLiteConnection

  fileprivate init(_ handle: OpaquePointer, connection: SQLiteConnection) {
    self.handle = handle
    self.connection = connection
  }

  deinit { sqlite3_finalize(handle) }

  public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
    sqlite3_reset(handle)
    sqlite3_clear_bindings(handle)
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let code: Int32
      switch value {
      case .null: code = sqlite3_bind_null(handle, index)
      case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
      case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, csqlite_transient())
      case .blob(let bytes):
        code = bytes.withUnsafeBytes {
          sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), csqlite_transient())
        }
      }
      guard code == SQLITE_OK else { throw connection.error(code) }
    }
  }

  /// Steps once: true while there is a row.
  public func step() throws(SQLiteError) -> Bool {
    let code = sqlite3_step(handle)
    switch code {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default: throw connection.error(code)
    }
  }

  /// Steps to completion, for statements that return no rows.
  public func run(_ values: [SQLiteValue] = []) throws(SQLiteError) {
    try bind(values)
    while try step() {}
  }

  /// How many columns each row has.
  public var columnCount: Int32 { sqlite3_column_count(handle) }

  public func value(at column: Int32) -> SQLiteValue {
    switch sqlite3_column_type(handle, column) {
    case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, column))
    case SQLITE_TEXT: return .text(String(cString: sqlite3_column_text(handle, column)))
    case SQLITE_BLOB:
      let count = Int(sqlite3_column_bytes(handle, column))
      guard count > 0, let bytes = sqlite3_column_blob(handle, column) else { return .blob([]) }
      return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
    default: return .null
    }
  }
}

/// A value bound to or read from SQLite.
public enum SQLiteValue: Equatable {
  case null
  case integer(Int64)
  case text(String)
  case blob([UInt8])

  public init(_ text: String?) { self = text.map { .text($0) } ?? .null }

  public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
  public var text: String? { if case .text(let value) = self { value } else { nil } }
  public var blob: [UInt8]? { if case .blob(let value) = self { value } else { nil } }
}

/// An SQLite failure with its (extended) result code.
public struct SQLiteError: Error, CustomStringConvertible {
  /// The extended result code.
  public let code: Int32
  /// SQLite's message.
  public let message: String
  /// The database file.
  public let path: String

  /// Makes an error, e.g. for a file that is not there to open.
  public init(code: Int32, message: String, path: String) {
    self.code = code
    self.message = message
    self.path = path
  }

  /// The disk (or `max_page_count`) is full.
  public var isFull: Bool { code & 0xff == SQLITE_FULL }
  /// The file is not a database, or is damaged.
  public var isCorrupt: Bool { code & 0xff == SQLITE_CORRUPT || code & 0xff == SQLITE_NOTADB }
  /// Another connection held the lock (past the busy timeout, or where SQLite does not wait):
  /// the same write may well succeed a moment later.
  public var isTransient: Bool { code & 0xff == SQLITE_BUSY || code & 0xff == SQLITE_LOCKED }

  public var description: String { "\(path): \(message) (SQLite code \(code))" }
}
