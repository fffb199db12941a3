import RatingModel
import Testing

/// The national evaluation-content codes and the default checklist made of them.
@Suite struct NationalReasonCodesTests {
  @Test func theDefaultChecklistIsTheCurrentNationalList() {
    let standard = ReasonChecklist.standard
    #expect(standard.version == "national-2" && standard.version == NationalReasonCodes.version)
    #expect(standard.items(for: .dissatisfied).map(\.code) == (207...214).map(String.init))
    #expect(standard.items(for: .veryDissatisfied).map(\.code) == (108...115).map(String.init))
    for level in [SatisfactionLevel.verySatisfied, .satisfied, .basicallySatisfied] {
      #expect(standard.items(for: level).isEmpty)
    }
    // The labels exactly as the national table has them (a few, checked character by character).
    let labels = Dictionary(
      (standard.items(for: .dissatisfied) + standard.items(for: .veryDissatisfied)).map {
        ($0.code, $0.label.chinese)
      }, uniquingKeysWith: { first, _ in first })
    #expect(labels["207"] == "没有提供材料样本")
    #expect(labels["210"] == "同样内容的证明材料被要求多次提交")
    #expect(labels["212"] == "在线预约办理后到实体大厅重复取号排队")
    #expect(labels["213"] == "窗口人员业务不熟练")
    #expect(labels["214"] == "服务态度生硬")
    #expect(labels["108"] == "在办事指南之外增加新的审批条件")
    #expect(labels["112"] == "承诺在线收取申报材料实际无法收取")
    #expect(labels["113"] == "多头跑窗口和部门")
    #expect(labels["115"] == "服务态度差效率低")
    #expect(labels.values.allSatisfy { !$0.isEmpty })
  }

  @Test func everyLevelHasEightCurrentCodesWithBothLabels() {
    let firsts: [SatisfactionLevel: Int] = [
      .verySatisfied: 510, .satisfied: 406, .basicallySatisfied: 307, .dissatisfied: 207,
      .veryDissatisfied: 108,
    ]
    for level in SatisfactionLevel.allCases {
      let items = NationalReasonCodes.current[level] ?? []
      let first = firsts[level]!
      #expect(items.map(\.code) == (first...first + 7).map(String.init), "\(level)")
      #expect(items.allSatisfy { !$0.label.chinese.isEmpty && !$0.label.english.isEmpty }, "\(level)")
      let retired = NationalReasonCodes.retired[level]!
      #expect(retired.upperBound == first - 1, "the retired codes run up to the current ones (\(level))")
    }
    #expect(NationalReasonCodes.current[.verySatisfied]?.first?.label.chinese == "一窗受理一次办结")
    #expect(NationalReasonCodes.current[.satisfied]?.last?.label.chinese == "服务态度较好")
    #expect(NationalReasonCodes.current[.basicallySatisfied]?.last?.label.chinese == "服务态度一般")
  }

  @Test func codesStandAsCurrentRetiredOrLocal() {
    guard case .current(.dissatisfied, let item) = NationalReasonCodes.standing(of: "213") else {
      Issue.record("213 is a current 不满意 code"); return
    }
    #expect(item.label.chinese == "窗口人员业务不熟练")
    for (code, level) in [
      ("101", SatisfactionLevel.veryDissatisfied), ("107", .veryDissatisfied), ("201", .dissatisfied),
      ("204", .dissatisfied), ("206", .dissatisfied), ("301", .basicallySatisfied), ("405", .satisfied),
      ("509", .verySatisfied),
    ] {
      #expect(NationalReasonCodes.standing(of: code) == .retired(level), "\(code)")
    }
    for code in ["attitude", "0204", "204 ", "216", "100", "local-1", ""] {
      #expect(NationalReasonCodes.standing(of: code) == .local, "\(code)")
    }
  }

  @Test func problemsNameTheCurrentCodes() {
    #expect(
      NationalReasonCodes.problem(offering: "204", after: .dissatisfied)
        == "code 204 was retired from the national list (current 不满意 codes are 207–214)")
    #expect(
      NationalReasonCodes.problem(offering: "105", after: .dissatisfied)
        == "code 105 was retired from the national list (current 非常不满意 codes are 108–115)")
    #expect(
      NationalReasonCodes.problem(offering: "108", after: .dissatisfied)
        == "code 108 (在办事指南之外增加新的审批条件) is a national 非常不满意 code, not one for 不满意"
        + " (current 不满意 codes are 207–214)")
    #expect(NationalReasonCodes.problem(offering: "108", after: .veryDissatisfied) == nil)
    #expect(NationalReasonCodes.problem(offering: "local_wait", after: .dissatisfied) == nil)
  }
}
