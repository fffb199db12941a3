import Logging

/// Picks the store a database setting names: a `postgres://` URL or a SQLite file path.
public enum HubStores {
  /// Opens the store.
  public static func open(_ database: String, logger: Logger) async throws -> any HubStore {
    if database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") {
      return try SQLHubStore(postgresURL: database, logger: logger)
    }
    return try SQLHubStore(sqlitePath: database)
  }
}
