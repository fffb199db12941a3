import Foundation
@testable import Hub
import Ledger
import RatingModel
import RecordChain
import SyncTestSupport
import Testing

/// The follow-up store on SQLite and on PostgreSQL, over ratings a real pad ledger wrote and the
/// hub's intake stored. (Tests share the PostgreSQL database: each uses departments and staff
/// numbers of its own.)
@Suite struct FollowUpStoreTests {
  static var databases: [String] { HubStoreTests.databases }

  /// A store on `database`, and a way to open a second one on the same database (another hub instance).
  func open(_ database: String) async throws -> (
    store: SQLHubStore, another: @Sendable () async throws -> SQLHubStore, cleanup: @Sendable () -> Void
  ) {
    if database == "sqlite" {
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("hub-\(UUID()).sqlite").path
      let store = try SQLHubStore(sqlitePath: path)
      try await store.prepare()
      return (
        store, { try SQLHubStore(sqlitePath: path) }, { try? FileManager.default.removeItem(atPath: path) }
      )
    }
    let store = try SQLHubStore(postgresURL: database, logger: quietLogger)
    try await store.prepare()
    return (store, { try SQLHubStore(postgresURL: database, logger: quietLogger) }, {})
  }

  /// A hall's ratings in late October and November: the departments, staff and levels each test
  /// filters on, names unique to the test.
  struct Hall {
    let pad: TestPad
    let departmentA = "市场监管局-\(UUID().uuidString.prefix(8))"
    let departmentB = "税务局-\(UUID().uuidString.prefix(8))"
    let tag = UUID().uuidString.prefix(6)
    var staff1: String { "S1-\(tag)" }
    var staff2: String { "S2-\(tag)" }
    /// The rating records' uuids, in the order written (index 2 and 4 are good ratings).
    var uuids: [String] = []

    /// (day, level, department A or B, staff 1 or 2, reasons given)
    static let ratings: [(String, SatisfactionLevel, Bool, Bool, [String]?)] = [
      ("2026-10-30", .veryDissatisfied, true, true, ["113", "115"]),
      ("2026-11-02", .dissatisfied, true, false, nil),
      ("2026-11-03", .verySatisfied, true, true, nil),
      ("2026-11-04", .veryDissatisfied, false, true, nil),
      ("2026-11-05", .satisfied, false, false, nil),
      ("2026-11-06", .dissatisfied, false, false, []),
    ]

    init(_ store: SQLHubStore) async throws {
      pad = try TestPad()
      for (index, (day, level, a, one, reasons)) in Self.ratings.enumerated() {
        let time = RecordTime(
          wallMilliseconds: CivilDate(day)!.startMilliseconds + 10 * 3_600_000, utcOffsetSeconds: 28_800,
          bootID: "boot-1", monotonicNanoseconds: Int64(index + 1))
        let transaction = try Transaction(
          number: "BJ-\(tag)-\(index)", serviceItemCode: "ITEM-\(index)", staffNumber: one ? staff1 : staff2,
          window: "5", department: a ? departmentA : departmentB)
        var entries = [
          LedgerEntry(
            kind: .rating, promptID: "p\(index)", source: "counter", transaction: transaction, level: level,
            channel: .windowPad)
        ]
        if let reasons {
          entries.append(
            LedgerEntry(
              kind: .reasons, promptID: "p\(index)", source: "counter", transaction: transaction,
              level: level,
              reasons: reasons, checklistVersion: "national-2", channel: .windowPad))
        }
        uuids.append(try pad.writer.append(entries, at: time)[0].uuid)
      }
      // A suspect press is no rating: never followed up.
      _ = try pad.writer.append(
        LedgerEntry(
          kind: .suspectPress, level: .veryDissatisfied, suspectReason: .noPrompt, channel: .windowPad),
        at: .now())
      try await store.enrol(pad.card, name: "window-\(tag)")
      let page = try await pad.sync.page(after: 0, limit: 100)
      #expect(
        try await HubIntake(store: store, logger: quietLogger).accept(page, from: pad.card.fingerprint) == 9)
    }

    var headA: FollowUpActor {
      FollowUpActor(name: "赵部长-\(tag)", role: .departmentHead, department: departmentA)
    }
    var headB: FollowUpActor {
      FollowUpActor(name: "钱部长-\(tag)", role: .departmentHead, department: departmentB)
    }
    var supervisor: FollowUpActor { FollowUpActor(name: "李督办-\(tag)", role: .supervisor) }
    var admin: FollowUpActor { FollowUpActor(name: "王主任-\(tag)", role: .admin) }
  }

  static let calendar = FollowUpCalendar()

  /// The uuids of a queue, among this hall's ratings.
  func queue(_ store: SQLHubStore, _ hall: Hall, _ filter: FollowUpFilter) async throws -> [String] {
    try await store.followUpQueue(filter: filter, calendar: Self.calendar)
      .filter { $0.device == hall.pad.card.fingerprint }.map(\.uuid)
  }

  /// The stored action rows of a rating, every column, in ordinal order.
  func actionRows(_ store: SQLHubStore, _ uuid: String) async throws -> [[SQLValue]] {
    try await store.database.rows(
      "SELECT * FROM followup_actions WHERE rating_uuid = ? ORDER BY ordinal", [.text(uuid)])
  }

  func refusal(_ body: () async throws -> Void) async -> FollowUpRefusal? {
    do {
      try await body()
      return nil
    } catch let refusal as FollowUpRefusal { return refusal } catch {
      Issue.record("not a refusal: \(error)")
      return nil
    }
  }

  @Test(arguments: databases)
  func theQueueListsBadRatingsWithTheirFieldsAndFilters(database: String) async throws {
    let (store, _, cleanup) = try await open(database)
    defer { cleanup() }
    let hall = try await Hall(store)
    let u = hall.uuids
    let all = try await store.followUpQueue(filter: FollowUpFilter(), calendar: Self.calendar)
      .filter { $0.device == hall.pad.card.fingerprint }
    #expect(all.map(\.uuid) == [u[0], u[1], u[3], u[5]], "the bad ratings, oldest first")
    let first = try #require(all.first)
    #expect(first.hall == "灵武市政务服务大厅" && first.window == "5" && first.deviceName == "window-\(hall.tag)")
    #expect(first.staffNumber == hall.staff1 && first.department == hall.departmentA)
    #expect(first.serviceItemCode == "ITEM-0" && first.transactionNumber == "BJ-\(hall.tag)-0")
    #expect(first.level == .veryDissatisfied && first.reasons == ["113", "115"])
    #expect(first.wallMilliseconds == CivilDate("2026-10-30")!.startMilliseconds + 10 * 3_600_000)
    #expect(all.map(\.reasons) == [["113", "115"], [], [], []])
    #expect(all.allSatisfy { $0.followUp.state == .pending && $0.followUp.history.isEmpty })
    #expect(first.followUp.deadlines.contact == CivilDate("2026-11-03"))

    let november = FollowUpFilter(period: try ReportPeriod.month("2026-11"))
    #expect(try await queue(store, hall, november) == [u[1], u[3], u[5]])
    #expect(try await queue(store, hall, FollowUpFilter(department: hall.departmentA)) == [u[0], u[1]])
    #expect(try await queue(store, hall, FollowUpFilter(staffNumber: hall.staff1)) == [u[0], u[3]])
    // What each role sees, whatever it asks for.
    #expect(try await queue(store, hall, FollowUpFilter().visible(to: hall.headA)) == [u[0], u[1]])
    #expect(try await queue(store, hall, FollowUpFilter().visible(to: hall.headB)) == [u[3], u[5]])
    let sneaky = FollowUpFilter(department: hall.departmentA).visible(to: hall.headB)
    #expect(try await queue(store, hall, sneaky).isEmpty)
    #expect(try await store.followUpCount(filter: sneaky) == 0)
    let staff = FollowUpActor(name: "周工", role: .staff, staffNumber: hall.staff2)
    #expect(try await queue(store, hall, FollowUpFilter().visible(to: staff)) == [u[1], u[5]])
    // Pages, newest first.
    let b = FollowUpFilter(department: hall.departmentB, newestFirst: true)
    #expect(try await queue(store, hall, b) == [u[5], u[3]])
    var page = b
    (page.limit, page.offset) = (1, 1)
    #expect(try await queue(store, hall, page) == [u[3]])
    #expect(try await store.followUpCount(filter: page) == 2, "the count ignores the page")
    #expect(try await store.followUpCount(filter: FollowUpFilter(staffNumber: hall.staff1)) == 2)

    #expect(try await store.followUp(rating: u[5], calendar: Self.calendar)?.department == hall.departmentB)
    #expect(try await store.followUp(rating: u[2], calendar: Self.calendar) == nil, "a good rating")
    #expect(try await store.followUp(rating: "no-such-uuid", calendar: Self.calendar) == nil)
  }

  @Test(arguments: databases)
  func actionsAreCheckedRecordedWithTheAuditAndNeverRewritten(database: String) async throws {
    let (store, _, cleanup) = try await open(database)
    defer { cleanup() }
    let hall = try await Hall(store)
    let uuid = hall.uuids[1]
    let at = CivilDate("2026-11-03")!.startMilliseconds + 9 * 3_600_000
    func act(
      _ kind: FollowUpAction.Kind, _ text: String, days: Int? = nil, by user: FollowUpActor,
      minutes: Int64 = 0
    )
      async throws -> FollowUpCase
    {
      try await store.record(
        FollowUpAction(kind: kind, text: text, days: days, by: user, atMilliseconds: at + minutes * 60_000),
        on: uuid,
        by: user, calendar: Self.calendar)
    }
    #expect(try await act(.contact, "已电话回访", by: hall.supervisor).contacted)
    #expect(try await act(.start, "调整排班", by: hall.headA, minutes: 1).state == .inProgress)
    let before = try await actionRows(store, uuid)
    let audited = try await store.auditLog().filter { $0.subject == uuid }

    // Refused, each for its reason, and nothing written.
    let auditor = FollowUpActor(name: "孙审计", role: .auditor)
    #expect(
      await refusal { _ = try await act(.done, "完成", by: hall.headB) }
        == .otherDepartment(yours: hall.departmentB, rating: hall.departmentA))
    #expect(await refusal { _ = try await act(.done, "完成", by: auditor) } == .roleNotAllowed(.auditor))
    #expect(await refusal { _ = try await act(.done, "  ", by: hall.headA) } == .emptyText)
    #expect(
      await refusal { _ = try await act(.start, "再开始", by: hall.headA) }
        == .notAllowed(.start, in: .inProgress))
    #expect(
      await refusal { _ = try await act(.extend, "延期", days: 16, by: hall.headA) } == .daysOutOfRange(16))
    #expect(
      await refusal {
        _ = try await store.record(
          FollowUpAction(kind: .contact, text: "回访", by: hall.admin), on: hall.uuids[2], by: hall.admin,
          calendar: Self.calendar)
      } == .notABadRating(hall.uuids[2]))
    #expect(try await actionRows(store, uuid) == before)
    #expect(try await store.auditLog().filter { $0.subject == uuid } == audited)
    #expect(audited.map(\.action) == ["followup_contact", "followup_start"])
    #expect(audited.map(\.actor) == [hall.supervisor.name, hall.headA.name])
    #expect(audited.map(\.detail) == ["已电话回访", "调整排班"] && audited[0].atMilliseconds == at)

    // The state filters see where it stands.
    let mine = FollowUpFilter(department: hall.departmentA)
    var filter = mine
    filter.states = [.inProgress]
    #expect(try await queue(store, hall, filter) == [uuid])
    filter.states = [.pending]
    #expect(try await queue(store, hall, filter) == [hall.uuids[0]])

    #expect(try await act(.extend, "协调中", days: 3, by: hall.headA, minutes: 2).extensionDays == 3)
    #expect(try await act(.done, "已增设窗口", by: hall.headA, minutes: 3).state == .rectified)
    let closed = try await act(.close, "办结", by: hall.supervisor, minutes: 4)
    #expect(closed.state == .closed)
    #expect(closed.history.map(\.stateAfter) == [.pending, .inProgress, .inProgress, .rectified, .closed])
    // Earlier rows are as they were, byte for byte: rows are only ever added.
    let after = try await actionRows(store, uuid)
    #expect(after.count == 5 && Array(after.prefix(2)) == before)
    #expect(after.map { $0[1] } == (1...5).map { .integer($0) })
    #expect(
      after.map { $0[8] } == closed.history.map { .text($0.stateAfter.rawValue) }, "state_after as folded")
    #expect(after[2][7] == .integer(3) && after[0][7] == .null, "days only with the extension")

    let read = try #require(try await store.followUp(rating: uuid, calendar: Self.calendar))
    #expect(read.followUp.history == closed.history && read.followUp.deadlines == closed.deadlines)
    filter.states = [.closed]
    #expect(try await queue(store, hall, filter) == [uuid])
    filter = mine
    filter.openOnly = true
    #expect(try await queue(store, hall, filter) == [hall.uuids[0]])
    #expect(try await store.followUpCount(filter: filter) == 1)
    #expect(
      await refusal { _ = try await act(.contact, "再回访", by: hall.admin) }
        == .notAllowed(.contact, in: .closed))
    #expect(try await actionRows(store, uuid) == after)
    // Nor can anyone else change or delete a row: the database refuses.
    await #expect(throws: (any Error).self) {
      try await store.database.execute(
        "UPDATE followup_actions SET text = 'rewritten' WHERE rating_uuid = ?", [.text(uuid)])
    }
    await #expect(throws: (any Error).self) {
      try await store.database.execute("DELETE FROM followup_actions WHERE rating_uuid = ?", [.text(uuid)])
    }
    #expect(try await actionRows(store, uuid) == after)
  }

  @Test(arguments: databases)
  func twoInstancesRecordingAtOnceKeepOneConsistentSequence(database: String) async throws {
    let (store, another, cleanup) = try await open(database)
    defer { cleanup() }
    let hall = try await Hall(store)
    let second = try await another()
    let stores = [store, second]
    let uuid = hall.uuids[3]
    let users = [hall.headB, hall.supervisor, hall.admin]
    // Contacts from both instances at once: all recorded, numbered 1…n without a gap or a repeat.
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 0..<12 {
        group.addTask {
          let user = users[index % 3]
          _ = try await stores[index % 2].record(
            FollowUpAction(kind: .contact, text: "回访 \(index)", by: user), on: uuid, by: user,
            calendar: Self.calendar)
        }
      }
      try await group.waitForAll()
    }
    var rows = try await actionRows(store, uuid)
    #expect(rows.map { $0[1] } == (1...12).map { .integer($0) })
    #expect(Set(rows.map { $0[6].text ?? "" }).count == 12)
    // Two starts at once: one is recorded, the other is checked again after it, and refused.
    let outcomes = try await withThrowingTaskGroup(of: FollowUpRefusal?.self) { group in
      for index in 0..<2 {
        group.addTask {
          let user = users[index]
          do {
            _ = try await stores[index].record(
              FollowUpAction(kind: .start, text: "开始整改 \(index)", by: user), on: uuid, by: user,
              calendar: Self.calendar)
            return nil
          } catch let refusal as FollowUpRefusal { return refusal }
        }
      }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(outcomes.filter { $0 == nil }.count == 1)
    #expect(outcomes.compactMap { $0 } == [.notAllowed(.start, in: .inProgress)])
    // Appeals and approvals racing from both: the sequence read back folds to what was stored.
    try await withThrowingTaskGroup(of: Void.self) { group in
      for index in 0..<6 {
        group.addTask {
          let user = users[index % 3]
          let kind: FollowUpAction.Kind = index % 2 == 0 ? .appeal : .approve
          _ = try? await stores[index % 2].record(
            FollowUpAction(kind: kind, text: "\(kind) \(index)", by: user), on: uuid, by: user,
            calendar: Self.calendar)
        }
      }
      try await group.waitForAll()
    }
    rows = try await actionRows(store, uuid)
    #expect(rows.map { $0[1] } == (1...rows.count).map { .integer(Int64($0)) })
    let read = try #require(try await second.followUp(rating: uuid, calendar: Self.calendar))
    #expect(read.followUp.history.count == rows.count)
    #expect(rows.map { $0[8] } == read.followUp.history.map { .text($0.stateAfter.rawValue) })
    // Every stored step was allowed where it stood: folding them one by one refuses none.
    var replay = FollowUpCase(ratingMilliseconds: read.wallMilliseconds, calendar: Self.calendar)
    for action in read.followUp.actions {
      let user = FollowUpActor(name: action.actor, role: action.role, department: hall.departmentB)
      replay = try replay.recording(action, by: user, ratingDepartment: hall.departmentB)
    }
    #expect(replay.state == read.followUp.state)
  }

  /// Another instance appends the next step while an action is being checked (on PostgreSQL the
  /// recorder reads before that step is committed, then finds its ordinal taken): the action is
  /// checked again against the new state, and refused.
  @Test(arguments: databases)
  func anActionThatLosesItsOrdinalIsCheckedAgain(database: String) async throws {
    let (store, another, cleanup) = try await open(database)
    defer { cleanup() }
    let hall = try await Hall(store)
    let second = try await another()
    let (uuid, user) = (hall.uuids[5], hall.supervisor)
    let recorder = try await store.database.transaction { sql in
      try await sql.execute(
        """
        INSERT INTO followup_actions (rating_uuid, ordinal, at_ms, actor, role, kind, text, days, state_after)
        VALUES (?, 1, 1, 'other', 'admin', 'start', '另一实例开始整改', NULL, 'in_progress')
        """, [.text(uuid)])
      let recorder = Task {
        try await second.record(
          FollowUpAction(kind: .start, text: "开始整改", by: user), on: uuid, by: user, calendar: Self.calendar)
      }
      try await Task.sleep(for: .milliseconds(500))
      return recorder
    }
    #expect(await refusal { _ = try await recorder.value } == .notAllowed(.start, in: .inProgress))
    #expect(try await actionRows(store, uuid).count == 1)
    let done = try await second.record(
      FollowUpAction(kind: .done, text: "完成", by: user), on: uuid, by: user, calendar: Self.calendar)
    #expect(done.history.map(\.stateAfter) == [.inProgress, .rectified])
  }

  @Test(arguments: databases)
  func theExportIsOneLinePerActionSafeForASpreadsheet(database: String) async throws {
    let (store, _, cleanup) = try await open(database)
    defer { cleanup() }
    let hall = try await Hall(store)
    let uuid = hall.uuids[1]
    let at = CivilDate("2026-11-03")!.startMilliseconds + 9 * 3_600_000 + 30 * 60_000
    for (index, (kind, text)) in [
      (FollowUpAction.Kind.contact, "群众说:\"等了一小时\",已致歉\n第二行"), (.start, "=HYPERLINK(\"http://evil\")"),
      (.appeal, "+恶意差评"), (.reject, "@驳回"),
    ].enumerated() {
      let user = kind == .reject ? hall.admin : hall.headA
      _ = try await store.record(
        FollowUpAction(kind: kind, text: text, by: user, atMilliseconds: at + Int64(index) * 60_000),
        on: uuid,
        by: user, calendar: Self.calendar)
    }
    let csv = try await store.followUpExport(
      filter: FollowUpFilter(department: hall.departmentA), calendar: Self.calendar)
    #expect(csv.hasPrefix("\u{FEFF}评价编号 Rating,评价时间 Rated at,"))
    #expect(csv.hasSuffix("\r\n"))
    let lines = csv.dropFirst().components(separatedBy: "\r\n").dropLast()
    // The header, rating 0 with no action, rating 1's four actions.
    #expect(lines.count == 6, "\(lines)")
    let fields0 =
      "\(hall.uuids[0]),2026-10-30 10:00:00,灵武市政务服务大厅,5,\(hall.staff1),\(hall.departmentA),ITEM-0,BJ-\(hall.tag)-0,非常不满意,\"113,115\""
    #expect(lines[1] == fields0 + ",,,,,,,,待整改")
    let fields1 =
      "\(uuid),2026-11-02 10:00:00,灵武市政务服务大厅,5,\(hall.staff2),\(hall.departmentA),ITEM-1,BJ-\(hall.tag)-1,不满意,"
    #expect(
      lines[2] == fields1
        + ",1,2026-11-03 09:30:00,回访,\(hall.headA.name),部门负责人,\"群众说:\"\"等了一小时\"\",已致歉\n第二行\",,待整改")
    #expect(
      lines[3] == fields1
        + ",2,2026-11-03 09:31:00,开始整改,\(hall.headA.name),部门负责人,\"'=HYPERLINK(\"\"http://evil\"\")\",,整改中")
    #expect(lines[4] == fields1 + ",3,2026-11-03 09:32:00,申诉无效差评,\(hall.headA.name),部门负责人,'+恶意差评,,无效差评审核")
    #expect(lines[5] == fields1 + ",4,2026-11-03 09:33:00,审核驳回,\(hall.admin.name),大厅管理员,'@驳回,,整改中")
    #expect(!csv.contains(hall.uuids[3]), "another department's ratings are not in it")
  }
}
