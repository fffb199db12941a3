/// The audit log, newest first, a page at a time (`?page=`, from 1): every operator's action at
/// the hub and in the console. Admins and auditors only.
struct AuditPage: Sendable {
  let store: any HubStore

  /// Entries a page.
  static let pageSize = 200

  /// Whether `user` may read the audit log.
  static func mayRead(_ user: ConsoleUser) -> Bool { user.role == .admin || user.role == .auditor }

  /// The page number asked for in `query`: 1 when none; nil (with the value) when it is not a
  /// page number.
  static func pageNumber(query: String?) -> Result<Int, AuditPageError> {
    guard let fields = FormFields(encoded: query ?? "") else { return .failure(.unreadable) }
    guard let text = fields["page"], !text.isEmpty else { return .success(1) }
    guard text.count <= 9, let page = Int(text), page >= 1 else {
      return .failure(.badPage(String(text.prefix(40))))
    }
    return .success(page)
  }

  /// The page's values; `AuditPageError.beyondLast` when the log has fewer pages.
  func values(page: Int) async throws -> [String: Any] {
    let count = try await store.auditCount()
    let pages = max(1, (count + Self.pageSize - 1) / Self.pageSize)
    guard page <= pages else { throw AuditPageError.beyondLast(page, pages) }
    let entries = try await store.auditLog(newestFirstFrom: (page - 1) * Self.pageSize, limit: Self.pageSize)
    var values: [String: Any] = [
      "entries": entries.map { entry in
        [
          "time": ConsoleTime.minute(entry.atMilliseconds) + ":"
            + String(ConsoleTime.clock(entry.atMilliseconds).suffix(2)),
          "actor": entry.actor, "action": entry.action, "subject": entry.subject, "detail": entry.detail,
        ]
      },
      "pageNumber": page, "pages": pages, "count": count,
      "newer": ConsoleTemplates.optional(page > 1 ? "/audit?page=\(page - 1)" : nil),
      "older": ConsoleTemplates.optional(page < pages ? "/audit?page=\(page + 1)" : nil),
    ]
    values.merge(ConsoleText.auditLabels) { mine, _ in mine }
    return values
  }
}

/// An audit page that cannot be shown, named.
enum AuditPageError: Error, Equatable, CustomStringConvertible {
  case unreadable
  case badPage(String)
  case beyondLast(Int, Int)

  var description: String {
    switch self {
    case .unreadable: "the query cannot be read"
    case .badPage(let value): "page '\(value)' is not a page number like 1"
    case .beyondLast(let page, let pages): "page '\(page)' is beyond the last page, \(pages)"
    }
  }
}
