import Foundation

/// The case store on either engine (`HubDatabase`), written once like `SQLHubStore`.
struct SQLCaseStore: CaseStore {
  let database: any HubDatabase
  let seal: IdentitySeal
  let retentionMilliseconds: Int64

  /// The columns a case is read with, in the order `storedCase(row:)` reads them.
  private static let columns =
    "number, details, identity IS NOT NULL, received_ms, updated_ms, forget_after_ms"

  func putCase(_ details: CaseDetails, at now: Int64) async throws -> Bool {
    let sealed = try details.applicant.identity.map { try seal.seal($0, number: details.number) }
    let stored = try HubJSON.encode(details.order(withIdentity: false))
    return try await database.transaction { sql in
      let existing = try await sql.rows(
        "SELECT forget_after_ms FROM cases WHERE number = ?", [.text(details.number)]
      ).first
      // The guard is in the statement too, so another hub instance's markForwarded between the
      // two is still respected.
      let written = try await sql.rows(
        """
        INSERT INTO cases (number, details, identity, received_ms, updated_ms) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (number) DO UPDATE SET details = excluded.details, identity = excluded.identity,
          updated_ms = excluded.updated_ms
        WHERE cases.forget_after_ms IS NULL RETURNING number
        """,
        [.text(details.number), .text(stored), SQLValue(sealed), .integer(now), .integer(now)])
      guard !written.isEmpty else {
        throw CaseRefusal.alreadyForwarded(number: details.number)
      }
      return existing == nil
    }
  }

  func storedCase(number: String) async throws -> StoredCase? {
    guard
      let row = try await database.rows("SELECT \(Self.columns) FROM cases WHERE number = ?", [.text(number)])
        .first
    else { return nil }
    let order = try HubJSON.decode(CaseOrder.self, row[1].text ?? "")
    let details: CaseDetails
    do { details = try CaseDetails(number: row[0].text ?? "", order: order, requiringIdentity: false) } catch
    {
      throw HubStoreError("case \(number) as stored does not read: \(error)")
    }
    return StoredCase(
      details: details, identityHeld: row[2].integer == 1,
      receivedMilliseconds: row[3].integer ?? 0, updatedMilliseconds: row[4].integer ?? 0,
      forgetAfterMilliseconds: row[5].integer)
  }

  func caseDetails(number: String) async throws -> CaseDetails? {
    guard var found = try await storedCase(number: number)?.details else { return nil }
    if let sealed = try await database.scalar(
      "SELECT identity FROM cases WHERE number = ? AND identity IS NOT NULL", [.text(number)]
    )?.text {
      found.applicant.identity = try seal.open(sealed, number: number)
    }
    return found
  }

  func markForwarded(number: String, at: Int64) async throws -> Bool {
    let (forgetAt, overflow) = at.addingReportingOverflow(retentionMilliseconds)
    return try await !database.rows(
      "UPDATE cases SET forget_after_ms = coalesce(forget_after_ms, ?) WHERE number = ? RETURNING number",
      [.integer(overflow ? Int64.max : forgetAt), .text(number)]
    ).isEmpty
  }

  func forgetExpiredIdentities(now: Int64) async throws -> Int {
    try await database.rows(
      "UPDATE cases SET identity = NULL WHERE identity IS NOT NULL AND forget_after_ms <= ? RETURNING number",
      [.integer(now)]
    ).count
  }
}
