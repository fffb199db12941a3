@testable import Hub
import RatingModel
import Testing

/// The follow-up rules alone (`FollowUpCase`): states, transitions, who may do what, deadlines
/// and overdue marks, and the export's cells. No store.
@Suite struct FollowUpRulesTests {
  /// Monday 2026-11-02, 10:00 in the halls' time: contact by Wed 11-04, simple fix by Mon 11-09,
  /// complex fix by Mon 11-23.
  static let ratedAt = CivilDate("2026-11-02")!.startMilliseconds + 10 * 3_600_000
  static let admin = FollowUpActor(name: "王主任", role: .admin)
  static let supervisor = FollowUpActor(name: "李督办", role: .supervisor)
  static let head = FollowUpActor(name: "赵部长", role: .departmentHead, department: "市场监管局")
  static let otherHead = FollowUpActor(name: "钱部长", role: .departmentHead, department: "税务局")
  static let auditor = FollowUpActor(name: "孙审计", role: .auditor)
  static let staff = FollowUpActor(name: "周工", role: .staff, staffNumber: "S1")
  static let department = "市场监管局"

  func day(_ text: String, hour: Int64 = 12) -> Int64 {
    CivilDate(text)!.startMilliseconds + hour * 3_600_000
  }

  func action(
    _ kind: FollowUpAction.Kind, _ text: String = "说明 note", days: Int? = nil, by user: FollowUpActor = admin,
    at: Int64? = nil
  ) -> FollowUpAction {
    FollowUpAction(
      kind: kind, text: text, days: days, by: user, atMilliseconds: at ?? Self.ratedAt + 3_600_000)
  }

  /// Records `action` (which must be allowed) and returns the follow-up after it.
  func step(
    _ followUp: FollowUpCase, _ action: FollowUpAction, by user: FollowUpActor? = nil,
    department: String = department
  ) throws -> FollowUpCase {
    let user = user ?? FollowUpActor(name: action.actor, role: action.role, department: Self.department)
    let state = try followUp.check(action, by: user, ratingDepartment: department)
    let next = try followUp.recording(action, by: user, ratingDepartment: department)
    #expect(next.state == state)
    return next
  }

  func refusal(
    _ followUp: FollowUpCase, _ action: FollowUpAction, by user: FollowUpActor? = nil,
    department: String = department
  ) -> FollowUpRefusal? {
    let user = user ?? FollowUpActor(name: action.actor, role: action.role, department: Self.department)
    do {
      _ = try followUp.check(action, by: user, ratingDepartment: department)
      return nil
    } catch { return error }
  }

  @Test func theStatesAndActionsAreTheHallsWithChineseFirst() {
    #expect(
      FollowUpState.allCases.map(\.rawValue) == [
        "pending", "in_progress", "rectified", "invalid_review", "invalid", "unfixable_review", "unfixable",
        "closed",
      ])
    #expect(
      FollowUpState.allCases.map(\.label.chinese) == [
        "待整改", "整改中", "整改完成", "无效差评审核", "无效差评", "无法整改审核", "无法整改", "已办结",
      ])
    #expect(FollowUpState.allCases.allSatisfy { !$0.label.english.isEmpty })
    #expect(
      FollowUpAction.Kind.allCases.map(\.rawValue) == [
        "contact", "start", "done", "extend", "appeal", "declare_unfixable", "approve", "reject", "close",
      ])
    #expect(
      FollowUpAction.Kind.allCases.map(\.label.chinese) == [
        "回访", "开始整改", "整改完成", "延期", "申诉无效差评", "申请无法整改", "审核通过", "审核驳回", "办结",
      ])
    #expect(
      ConsoleRole.allCases.map(\.rawValue) == ["admin", "supervisor", "department_head", "auditor", "staff"])
    #expect(ConsoleRole.allCases.map(\.label.chinese) == ["大厅管理员", "督办人员", "部门负责人", "审计员", "工作人员"])
    #expect(ConsoleRole.allCases.filter(\.canAct) == [.admin, .supervisor, .departmentHead])
    #expect(ConsoleRole.allCases.filter(\.canApprove) == [.admin, .supervisor, .departmentHead])
    #expect(ConsoleRole.allCases.filter(\.readsEverything) == [.admin, .supervisor, .auditor])
  }

  @Test func aNewBadRatingIsPendingWithTheCalendarsDeadlines() {
    let followUp = FollowUpCase(ratingMilliseconds: Self.ratedAt)
    #expect(followUp.state == .pending && followUp.history.isEmpty && !followUp.contacted)
    #expect(followUp.deadlines.contact == CivilDate("2026-11-04"))
    #expect(followUp.deadlines.simpleFix == CivilDate("2026-11-09"))
    #expect(followUp.deadlines.complexFix == CivilDate("2026-11-23"))
    #expect(followUp.deadlines == followUp.original && followUp.extensionDays == nil)
    // A holiday on Tuesday moves every deadline a working day on.
    let calendar = FollowUpCalendar(holidays: [CivilDate("2026-11-03")!])
    let holiday = FollowUpCase(ratingMilliseconds: Self.ratedAt, calendar: calendar)
    #expect(holiday.deadlines.contact == CivilDate("2026-11-05"))
    #expect(holiday.deadlines.complexFix == CivilDate("2026-11-24"))
  }

  @Test func theFullPathFromPendingToClosed() throws {
    var followUp = FollowUpCase(ratingMilliseconds: Self.ratedAt)
    followUp = try step(followUp, action(.contact, "已电话回访，群众反映等候时间过长", by: Self.supervisor))
    #expect(followUp.state == .pending && followUp.contacted)
    #expect(followUp.contactedMilliseconds == Self.ratedAt + 3_600_000)
    followUp = try step(followUp, action(.start, "调整窗口排班", by: Self.head))
    #expect(followUp.state == .inProgress)
    followUp = try step(followUp, action(.extend, "需协调人社部门", days: 3))
    #expect(followUp.state == .inProgress && followUp.extensionDays == 3)
    #expect(followUp.deadlines.contact == CivilDate("2026-11-04"), "the contact deadline does not move")
    #expect(followUp.deadlines.simpleFix == CivilDate("2026-11-12"))
    #expect(followUp.deadlines.complexFix == CivilDate("2026-11-26"))
    followUp = try step(followUp, action(.contact, "再次回访，群众表示理解", by: Self.supervisor, at: day("2026-11-05")))
    #expect(followUp.contactedMilliseconds == Self.ratedAt + 3_600_000, "the first contact counts")
    followUp = try step(followUp, action(.done, "已增设午间窗口", by: Self.head))
    #expect(followUp.state == .rectified)
    followUp = try step(followUp, action(.close, "办结", by: Self.supervisor))
    #expect(followUp.state == .closed && !followUp.state.isOpen)
    #expect(
      followUp.history.map(\.stateAfter) == [
        .pending, .inProgress, .inProgress, .inProgress, .rectified, .closed,
      ])
    #expect(followUp.actions.map(\.kind) == [.contact, .start, .extend, .contact, .done, .close])
    // Folding the same actions again gives the same follow-up.
    let again = FollowUpCase(ratingMilliseconds: Self.ratedAt, actions: followUp.actions)
    #expect(again.history == followUp.history && again.deadlines == followUp.deadlines)
    // Closed is the end: nothing more, not even a contact.
    for kind in FollowUpAction.Kind.allCases {
      let days = kind == .extend ? 2 : nil
      #expect(refusal(followUp, action(kind, days: days)) == .notAllowed(kind, in: .closed))
    }
    #expect(followUp.allowedKinds(for: Self.admin, ratingDepartment: Self.department).isEmpty)
  }

  @Test(arguments: [
    (FollowUpAction.Kind.appeal, FollowUpState.invalidReview, FollowUpState.invalid),
    (.declareUnfixable, .unfixableReview, .unfixable),
  ])
  func aReviewIsApprovedBySomeoneElseThenClosed(
    kind: FollowUpAction.Kind, review: FollowUpState, approved: FollowUpState
  ) throws {
    var followUp = FollowUpCase(ratingMilliseconds: Self.ratedAt)
    followUp = try step(followUp, action(kind, "同一人一小时内连续差评五次", by: Self.head))
    #expect(followUp.state == review && followUp.reviewAskedBy == Self.head.name)
    // The asker cannot decide it, whatever the role; another one can.
    #expect(refusal(followUp, action(.approve, by: Self.head)) == .approverIsAsker)
    #expect(refusal(followUp, action(.reject, by: Self.head)) == .approverIsAsker)
    #expect(refusal(followUp, action(.approve, by: Self.auditor)) == .roleNotAllowed(.auditor))
    #expect(refusal(followUp, action(.approve, by: Self.staff)) == .roleNotAllowed(.staff))
    #expect(
      refusal(followUp, action(.approve, by: Self.otherHead), by: Self.otherHead)
        == .otherDepartment(yours: "税务局", rating: Self.department))
    // While under review, nothing but a contact, the approval and the rejection.
    #expect(followUp.allowedKinds(for: Self.head, ratingDepartment: Self.department) == [.contact])
    #expect(
      followUp.allowedKinds(for: Self.supervisor, ratingDepartment: Self.department) == [
        .contact, .approve, .reject,
      ])
    for other in [FollowUpAction.Kind.start, .done, .appeal, .declareUnfixable, .close] {
      #expect(refusal(followUp, action(other, by: Self.supervisor)) == .notAllowed(other, in: review))
    }
    #expect(refusal(followUp, action(.extend, days: 2)) == .notAllowed(.extend, in: review))
    followUp = try step(followUp, action(.approve, "核实属实", by: Self.supervisor))
    #expect(followUp.state == approved && followUp.reviewAskedBy == nil)
    #expect(refusal(followUp, action(.close)) == .closeBeforeContact)
    followUp = try step(followUp, action(.contact, "已回访说明情况"))
    followUp = try step(followUp, action(.close, "办结"))
    #expect(followUp.history.map(\.stateAfter) == [review, approved, approved, .closed])
    // Not overdue once settled, even long after every deadline.
    #expect(!followUp.overdue(now: day("2027-01-10")).any)
  }

  @Test(arguments: [FollowUpAction.Kind.appeal, .declareUnfixable], [FollowUpState.pending, .inProgress])
  func aRejectedReviewGoesBackWhereItWas(kind: FollowUpAction.Kind, from: FollowUpState) throws {
    var followUp = FollowUpCase(ratingMilliseconds: Self.ratedAt)
    if from == .inProgress { followUp = try step(followUp, action(.start, "开始")) }
    followUp = try step(followUp, action(kind, "理由", by: Self.head))
    followUp = try step(followUp, action(.reject, "证据不足", by: Self.admin))
    #expect(followUp.state == from && followUp.reviewAskedBy == nil)
    // It may be asked again (by anyone), and then decided by the earlier asker if someone else asked.
    followUp = try step(followUp, action(kind, "补充材料", by: Self.admin))
    #expect(followUp.reviewAskedBy == Self.admin.name)
    #expect(refusal(followUp, action(.approve, by: Self.admin)) == .approverIsAsker)
    followUp = try step(followUp, action(.approve, "同意", by: Self.head))
    #expect(followUp.state == (kind == .appeal ? .invalid : .unfixable))
  }

  @Test func eachTransitionIsAllowedOnlyFromItsStates() {
    // Every state reached by a short path, with what may be done there (by the admin, who may do all).
    func reach(_ kinds: [(FollowUpAction.Kind, FollowUpActor)]) -> FollowUpCase {
      FollowUpCase(
        ratingMilliseconds: Self.ratedAt,
        actions: kinds.map { action($0.0, days: $0.0 == .extend ? 1 : nil, by: $0.1) })
    }
    let cases: [(FollowUpCase, FollowUpState, [FollowUpAction.Kind])] = [
      (reach([]), .pending, [.contact, .start, .extend, .appeal, .declareUnfixable]),
      (reach([(.start, Self.admin)]), .inProgress, [.contact, .done, .extend, .appeal, .declareUnfixable]),
      (reach([(.start, Self.admin), (.done, Self.admin)]), .rectified, [.contact]),
      (reach([(.appeal, Self.head)]), .invalidReview, [.contact, .approve, .reject]),
      (reach([(.appeal, Self.head), (.approve, Self.admin)]), .invalid, [.contact]),
      (reach([(.declareUnfixable, Self.head)]), .unfixableReview, [.contact, .approve, .reject]),
      (reach([(.declareUnfixable, Self.head), (.approve, Self.admin)]), .unfixable, [.contact]),
      (
        reach([(.contact, Self.admin), (.start, Self.admin), (.done, Self.admin), (.close, Self.admin)]),
        .closed, []
      ),
      (reach([(.extend, Self.admin)]), .pending, [.contact, .start, .appeal, .declareUnfixable]),
    ]
    for (followUp, state, allowed) in cases {
      #expect(followUp.state == state)
      #expect(followUp.allowedKinds(for: Self.admin, ratingDepartment: "") == allowed, "\(state)")
    }
    // Once contacted, a settled follow-up may be closed.
    let contacted = reach([(.contact, Self.admin), (.start, Self.admin), (.done, Self.admin)])
    #expect(contacted.allowedKinds(for: Self.admin, ratingDepartment: "") == [.contact, .close])
  }

  @Test func everyActionNeedsText() {
    let followUp = FollowUpCase(ratingMilliseconds: Self.ratedAt)
    for kind in FollowUpAction.Kind.allCases {
      let days = kind == .extend ? 5 : nil
      #expect(refusal(followUp, action(kind, "", days: days)) == .emptyText)
      #expect(refusal(followUp, action(kind, " \n\t　 ", days: days)) == .emptyText, "whitespace is not text")
    }
    let long = String(repeating: "长", count: FollowUpAction.maximumTextLength + 1)
    #expect(refusal(followUp, action(.contact, long)) == .textTooLong(limit: 2000))
    #expect(refusal(followUp, action(.contact, String(long.dropFirst()))) == nil)
  }

  @Test func anExtensionIsOnceAndOneToFifteenDays() throws {
    let followUp = FollowUpCase(ratingMilliseconds: Self.ratedAt)
    #expect(refusal(followUp, action(.extend, "理由")) == .daysOutOfRange(nil))
    #expect(refusal(followUp, action(.extend, "理由", days: 0)) == .daysOutOfRange(0))
    #expect(refusal(followUp, action(.extend, "理由", days: 16)) == .daysOutOfRange(16))
    #expect(refusal(followUp, action(.extend, "理由", days: -3)) == .daysOutOfRange(-3))
    #expect(refusal(followUp, action(.contact, "回访", days: 3)) == .daysOnlyForExtension)
    let extended = try step(followUp, action(.extend, "理由", days: 15))
    #expect(extended.deadlines.complexFix == CivilDate("2026-12-14"))
    #expect(refusal(extended, action(.extend, "再延", days: 1)) == .secondExtension)
    let started = try step(extended, action(.start, "开始"))
    #expect(refusal(started, action(.extend, "再延", days: 1)) == .secondExtension)
    #expect(
      refusal(try step(started, action(.done, "完成")), action(.extend, "延", days: 1))
        == .notAllowed(.extend, in: .rectified))
    #expect(try step(followUp, action(.extend, "理由", days: 1)).deadlines.simpleFix == CivilDate("2026-11-10"))
  }

  @Test func onlyTheRightRolesAndDepartmentsAct() throws {
    let followUp = FollowUpCase(ratingMilliseconds: Self.ratedAt)
    for user in [Self.auditor, Self.staff] {
      for kind in FollowUpAction.Kind.allCases {
        #expect(
          refusal(followUp, action(kind, days: kind == .extend ? 1 : nil, by: user), by: user)
            == .roleNotAllowed(user.role))
      }
      #expect(followUp.allowedKinds(for: user, ratingDepartment: Self.department).isEmpty)
    }
    // A department head acts on its own department's ratings only.
    #expect(refusal(followUp, action(.start, by: Self.head), by: Self.head) == nil)
    #expect(
      refusal(followUp, action(.start, by: Self.otherHead), by: Self.otherHead)
        == .otherDepartment(yours: "税务局", rating: Self.department))
    #expect(followUp.allowedKinds(for: Self.otherHead, ratingDepartment: Self.department).isEmpty)
    // One with no department acts on none, not even ratings with no department.
    let headless = FollowUpActor(name: "无部门", role: .departmentHead)
    #expect(
      refusal(followUp, action(.start, by: headless), by: headless, department: "")
        == .otherDepartment(yours: "", rating: ""))
    // Admins and supervisors act on any department's, and on those with none.
    #expect(
      refusal(followUp, action(.start, by: Self.supervisor), by: Self.supervisor, department: "税务局") == nil)
    #expect(refusal(followUp, action(.start), by: Self.admin, department: "") == nil)
    // The action must be the acting user's own.
    #expect(refusal(followUp, action(.start, by: Self.admin), by: Self.supervisor) == .notTheUser)
    var renamed = action(.start, by: Self.admin)
    renamed.role = .supervisor
    #expect(refusal(followUp, renamed, by: Self.admin) == .notTheUser)
  }

  @Test func overdueMarksFollowTheDeadlines() throws {
    let fresh = FollowUpCase(ratingMilliseconds: Self.ratedAt)
    #expect(fresh.overdue(now: day("2026-11-04", hour: 23)) == .init(contact: false, fix: false))
    #expect(fresh.overdue(now: day("2026-11-05", hour: 0)) == .init(contact: true, fix: false))
    #expect(fresh.overdue(now: day("2026-11-23", hour: 23)).fix == false, "the complex deadline is the mark")
    #expect(fresh.overdue(now: day("2026-11-24", hour: 0)) == .init(contact: true, fix: true))
    // A contact, even late, clears the contact mark; the fix mark stays until the problem is settled.
    let contacted = try step(fresh, action(.contact, "回访", at: day("2026-11-06")))
    #expect(contacted.overdue(now: day("2026-11-24")) == .init(contact: false, fix: true))
    let started = try step(contacted, action(.start, "开始"))
    #expect(started.overdue(now: day("2026-11-24")).fix)
    // A review under way is not settled: still overdue.
    let appealed = try step(started, action(.appeal, "恶意差评", by: Self.head))
    #expect(appealed.overdue(now: day("2026-11-24")).fix)
    #expect(try !step(started, action(.done, "完成")).overdue(now: day("2026-11-24")).any)
    // The extension moves the fix mark (3 working days: Thursday 11-26).
    let extended = try step(contacted, action(.extend, "协调中", days: 3))
    #expect(!extended.overdue(now: day("2026-11-26", hour: 23)).fix)
    #expect(extended.overdue(now: day("2026-11-27", hour: 0)).fix)
  }

  @Test func aStoredActionTheRulesWouldNotAllowIsKeptButChangesNothing() {
    // (Rules may tighten after actions were stored: the history keeps them, the state stands.)
    let followUp = FollowUpCase(
      ratingMilliseconds: Self.ratedAt,
      actions: [
        action(.done, "完成"), action(.start, "开始"), action(.extend, "延", days: 2),
        action(.extend, "再延", days: 9),
      ])
    #expect(followUp.history.map(\.stateAfter) == [.pending, .inProgress, .inProgress, .inProgress])
    #expect(followUp.extensionDays == 2)
  }

  @Test func refusalsSayWhatIsWrongInChineseThenEnglish() {
    let refusals: [FollowUpRefusal] = [
      .notABadRating("u-1"), .notTheUser, .roleNotAllowed(.auditor),
      .otherDepartment(yours: "a", rating: "b"),
      .emptyText, .textTooLong(limit: 2000), .daysOutOfRange(16), .daysOutOfRange(nil), .daysOnlyForExtension,
      .notAllowed(.close, in: .pending), .secondExtension, .approverIsAsker, .closeBeforeContact, .busy,
    ]
    for refusal in refusals {
      #expect(refusal.message.chinese.unicodeScalars.contains { $0.value >= 0x4E00 }, "\(refusal)")
      #expect(refusal.description == refusal.message.chinese + " / " + refusal.message.english)
    }
    #expect(Set(refusals.map(\.message.english)).count == refusals.count, "each names its own problem")
    #expect(FollowUpRefusal.notAllowed(.close, in: .pending).message.chinese == "当前状态「待整改」下不能办结")
    #expect(FollowUpRefusal.daysOutOfRange(16).message.english.contains("not 16"))
  }

  @Test func aFilterIsNarrowedToWhatTheUserMaySee() {
    let all = FollowUpFilter(openOnly: true)
    #expect(all.visible(to: Self.admin) == all && all.visible(to: Self.auditor) == all)
    #expect(all.visible(to: Self.head).department == Self.department)
    #expect(all.visible(to: Self.staff).staffNumber == "S1")
    #expect(!all.visible(to: Self.head).nothing && !all.visible(to: Self.staff).nothing)
    #expect(FollowUpFilter(department: "税务局").visible(to: Self.head).nothing)
    #expect(FollowUpFilter(staffNumber: "S2").visible(to: Self.staff).nothing)
    #expect(all.visible(to: FollowUpActor(name: "x", role: .departmentHead)).nothing)
    #expect(all.visible(to: FollowUpActor(name: "x", role: .staff)).nothing)
    #expect(Self.head.maySee(department: Self.department, staffNumber: "S9"))
    #expect(!Self.head.maySee(department: "税务局", staffNumber: "S9"))
    #expect(Self.staff.maySee(department: "税务局", staffNumber: "S1"))
    #expect(!Self.staff.maySee(department: "税务局", staffNumber: "S2"))
    #expect(Self.auditor.maySee(department: "", staffNumber: ""))
  }

  @Test func exportCellsAreQuotedAndNeverFormulas() {
    #expect(FollowUpExport.cell("plain 文本") == "plain 文本")
    #expect(FollowUpExport.cell("a,b") == "\"a,b\"")
    #expect(FollowUpExport.cell("说\"好\"") == "\"说\"\"好\"\"\"")
    #expect(FollowUpExport.cell("line1\nline2") == "\"line1\nline2\"")
    #expect(FollowUpExport.cell("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
    #expect(FollowUpExport.cell("+1") == "'+1" && FollowUpExport.cell("-2") == "'-2")
    #expect(FollowUpExport.cell("@SUM(A1)") == "'@SUM(A1)" && FollowUpExport.cell("\tx") == "'\tx")
    #expect(FollowUpExport.cell("a=b") == "a=b")
    #expect(FollowUpExport.time(Self.ratedAt + 5 * 60_000 + 7_000) == "2026-11-02 10:05:07")
    #expect(FollowUpExport.time(CivilDate("2026-11-02")!.startMilliseconds) == "2026-11-02 00:00:00")
  }
}
