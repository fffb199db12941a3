import Foundation
import RatingModel

extension SQLHubStore {
  /// How many times an action is checked again after losing its ordinal to another's.
  private static let followUpAttempts = 8
  /// The first key of the PostgreSQL advisory locks a rating's recorders take turns by ("fu" in
  /// ASCII, then 26; the schema's lock is a one-number key, which PostgreSQL keeps apart).
  private static let followUpLockClass: Int32 = 0x6675_0026

  public func followUpQueue(filter: FollowUpFilter, calendar: FollowUpCalendar) async throws
    -> [FollowUpRating]
  {
    guard let selection = Self.followUpWhere(filter) else { return [] }
    let (clause, values) = selection
    let order =
      filter.newestFirst ? "r.wall_ms DESC, r.device DESC, r.seq DESC" : "r.wall_ms, r.device, r.seq"
    var page = ""
    if filter.limit != nil || filter.offset > 0 {
      page = "LIMIT \(max(0, filter.limit ?? Int.max)) OFFSET \(max(0, filter.offset))"
    }
    // The page is chosen from the index alone, then its rows are read: PostgreSQL, misjudging
    // how many are closed, otherwise walked every rating by kind for the oldest open ones (1.2 s).
    let chosen =
      "SELECT r.device, r.seq FROM records r \(followUpIndex(filter)) WHERE \(clause) ORDER BY \(order) \(page)"
    let rows = try await database.rows(
      "SELECT \(followUpColumns) FROM (\(chosen)) p JOIN records r ON r.device = p.device AND r.seq = p.seq "
        + "LEFT JOIN devices d ON d.fingerprint = r.device ORDER BY \(order)", values)
    return try await followUpRatings(rows, calendar: calendar).filter { filter.admits($0.followUp.state) }
  }

  public func followUpCount(filter: FollowUpFilter) async throws -> Int {
    guard let selection = Self.followUpWhere(filter) else { return 0 }
    let (clause, values) = selection
    return Int(
      try await database.scalar(
        "SELECT count(*) FROM records r \(followUpIndex(filter)) WHERE \(clause)", values)?.integer ?? 0)
  }

  public func followUp(rating uuid: String, calendar: FollowUpCalendar) async throws -> FollowUpRating? {
    let rows = try await database.rows(
      "SELECT \(followUpColumns) FROM records r LEFT JOIN devices d ON d.fingerprint = r.device "
        + "WHERE r.uuid = ? AND \(RecordColumns.badRating)", [.text(uuid)])
    return try await followUpRatings(rows, calendar: calendar).first
  }

  public func record(
    _ action: FollowUpAction, on uuid: String, by user: FollowUpActor, calendar: FollowUpCalendar
  ) async throws -> FollowUpCase {
    for _ in 0..<Self.followUpAttempts {
      let recorded: FollowUpCase? = try await database.transaction { [dialect = database.dialect] sql in
        // Recorders of one rating take turns (SQLite's BEGIN IMMEDIATE already makes every writer
        // wait its turn): a dozen racing on the ordinal alone could starve the last of them.
        if dialect == .postgres {
          try await sql.execute(
            "SELECT pg_advisory_xact_lock(\(Self.followUpLockClass), hashtext(?))", [.text(uuid)])
        }
        guard
          let rating = try await sql.rows(
            "SELECT department, wall_ms FROM records WHERE uuid = ? AND \(RecordColumns.badRating)",
            [.text(uuid)]
          ).first
        else { throw FollowUpRefusal.notABadRating(uuid) }
        let stored = try await Self.followUpActions(sql, of: [uuid])[uuid] ?? []
        let before = FollowUpCase(
          ratingMilliseconds: rating[1].integer ?? 0, actions: stored.map(\.action), calendar: calendar)
        let after = try before.recording(action, by: user, ratingDepartment: rating[0].text ?? "")
        // The next ordinal, taken only if no other instance took it first: the loser appends
        // nothing, and checks again against the follow-up as the winner left it.
        let taken = try await sql.rows(
          """
          INSERT INTO followup_actions (rating_uuid, ordinal, at_ms, actor, role, kind, text, days, state_after)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING ordinal
          """,
          [
            .text(uuid), .integer((stored.last?.ordinal ?? 0) + 1), .integer(action.atMilliseconds),
            .text(action.actor), .text(action.role.rawValue), .text(action.kind.rawValue), .text(action.text),
            action.days.map { .integer(Int64($0)) } ?? .null, .text(after.state.rawValue),
          ])
        guard !taken.isEmpty else { return nil }
        let audit = AuditEntry(
          actor: action.actor, action: "followup_\(action.kind.rawValue)", subject: uuid, detail: action.text,
          atMilliseconds: action.atMilliseconds)
        try await sql.insert(into: "audit_log", columns: AuditEntry.columns, rows: [audit.row])
        return after
      }
      if let recorded { return recorded }
    }
    throw FollowUpRefusal.busy
  }

  public func followUpExport(filter: FollowUpFilter, calendar: FollowUpCalendar) async throws -> String {
    FollowUpExport.csv(try await followUpQueue(filter: filter, calendar: calendar))
  }

  /// The columns a bad rating is read with, in the order `followUpRatings` reads them; `r` is the
  /// rating's record, `d` its device. The reasons are the last reasons record of the same prompt
  /// (`+seq`: found by prompt, then sorted; SQLite would otherwise walk the device's records by seq).
  private var followUpColumns: String {
    let sql = database.dialect
    return """
      r.uuid, r.device, coalesce(d.name, ''), coalesce(\(sql.jsonText("d.card", ["hall"])), ''),
      coalesce(\(sql.jsonText("d.card", ["window"])), ''), r.txn_window, r.staff, r.department, r.service_item,
      r.level, r.wall_ms, r.clock, coalesce(\(sql.jsonText("r.body", ["transaction", "number"])), ''),
      (SELECT \(sql.jsonText("rs.body", ["reasons"])) FROM records rs WHERE rs.device = r.device
        AND rs.prompt_id = r.prompt_id AND rs.kind = 'reasons' AND r.prompt_id <> '' ORDER BY +rs.seq DESC LIMIT 1)
      """
  }

  /// The ratings of `rows` (of `followUpColumns`) with their follow-ups, the actions of all of
  /// them read at once.
  private func followUpRatings(_ rows: [[SQLValue]], calendar: FollowUpCalendar) async throws
    -> [FollowUpRating]
  {
    let actions = try await database.transaction { sql in
      try await Self.followUpActions(sql, of: rows.map { $0[0].text ?? "" })
    }
    let decoder = JSONDecoder()
    return rows.compactMap { row in
      let uuid = row[0].text ?? ""
      guard let level = SatisfactionLevel(rawValue: row[9].text ?? "") else { return nil }
      let wall = row[10].integer ?? 0
      let reasons =
        row[13].text.flatMap { try? decoder.decode([String].self, from: Data($0.utf8)) } ?? []
      return FollowUpRating(
        uuid: uuid, device: row[1].text ?? "", deviceName: row[2].text ?? "", hall: row[3].text ?? "",
        window: (row[5].text ?? "").nonEmpty ?? row[4].text ?? "", staffNumber: row[6].text ?? "",
        department: row[7].text ?? "", serviceItemCode: row[8].text ?? "",
        transactionNumber: row[12].text ?? "",
        level: level, wallMilliseconds: wall,
        clock: ClockCorrection.Standing(rawValue: row[11].text ?? "") ?? .unmarked, reasons: reasons,
        followUp: FollowUpCase(
          ratingMilliseconds: wall, actions: actions[uuid]?.map(\.action) ?? [], calendar: calendar))
    }
  }

  /// The stored actions of `uuids`, by rating, in ordinal order: one query per 10,000 ratings.
  private static func followUpActions(_ sql: any HubSQL, of uuids: [String]) async throws
    -> [String: [(ordinal: Int64, action: FollowUpAction)]]
  {
    var actions: [String: [(ordinal: Int64, action: FollowUpAction)]] = [:]
    for start in stride(from: 0, to: uuids.count, by: 10_000) {
      let chunk = uuids[start..<min(uuids.count, start + 10_000)]
      for row in try await sql.rows(
        """
        SELECT rating_uuid, ordinal, at_ms, actor, role, kind, text, days FROM followup_actions
        WHERE rating_uuid IN (\(chunk.map { _ in "?" }.joined(separator: ", "))) ORDER BY rating_uuid, ordinal
        """, chunk.map { .text($0) })
      {
        guard let kind = FollowUpAction.Kind(rawValue: row[5].text ?? ""),
          let role = ConsoleRole(rawValue: row[4].text ?? "")
        else { continue }
        let action = FollowUpAction(
          kind: kind, actor: row[3].text ?? "", role: role, atMilliseconds: row[2].integer ?? 0,
          text: row[6].text ?? "", days: row[7].integer.map { Int($0) })
        actions[row[0].text ?? "", default: []].append((row[1].integer ?? 0, action))
      }
    }
    return actions
  }

  /// The index a queue reads on SQLite: a partial index of the bad ratings, by the person or
  /// department asked for, else by time. (Without statistics, SQLite took `records_by_kind_time`,
  /// reading every rating of a month and sorting the bad ones; PostgreSQL weighs partial indexes
  /// by its statistics and is left to choose.)
  private func followUpIndex(_ filter: FollowUpFilter) -> String {
    guard database.dialect == .sqlite else { return "" }
    if filter.staffNumber != nil { return "INDEXED BY records_bad_by_staff" }
    if filter.department != nil { return "INDEXED BY records_bad_by_department" }
    return "INDEXED BY records_bad_ratings"
  }

  /// The WHERE clause (over `records r`) and its values that select `filter`'s bad ratings; nil
  /// when it selects none. The state is the one the last action left (pending when none).
  private static func followUpWhere(_ filter: FollowUpFilter) -> (String, [SQLValue])? {
    guard !filter.nothing else { return nil }
    // Unqualified, as the partial index `records_bad_ratings` says it (no other table here has these).
    var clauses = [RecordColumns.badRating]
    var values: [SQLValue] = []
    if let period = filter.period {
      clauses.append("r.wall_ms >= ? AND r.wall_ms < ?")
      values += [.integer(period.milliseconds.lowerBound), .integer(period.milliseconds.upperBound)]
    }
    if let department = filter.department {
      clauses.append("r.department = ?")
      values.append(.text(department))
    }
    if let staff = filter.staffNumber {
      clauses.append("r.staff = ?")
      values.append(.text(staff))
    }
    let states = FollowUpState.allCases.filter(filter.admits)
    guard !states.isEmpty else { return nil }
    if states == FollowUpState.allCases.filter(\.isOpen) {
      // Closed is for good, and only a close leads there: the open ones are those with none.
      clauses.append(
        "NOT EXISTS (SELECT 1 FROM followup_actions a WHERE a.rating_uuid = r.uuid AND a.kind = 'close')")
    } else if states.count < FollowUpState.allCases.count {
      clauses.append(
        """
        coalesce((SELECT a.state_after FROM followup_actions a WHERE a.rating_uuid = r.uuid
          ORDER BY a.ordinal DESC LIMIT 1), 'pending') IN (\(states.map { _ in "?" }.joined(separator: ", ")))
        """)
      values += states.map { .text($0.rawValue) }
    }
    return (clauses.joined(separator: " AND "), values)
  }
}
