/// The national evaluation-content codes (评价内容, `evalDetail`): the current list for every level
/// and the ranges the previous list used.
///
/// The one place both ends look them up: the pad refuses a retired or misplaced national code in
/// its configuration, and the hub's province uplink checks codes before forwarding. Provinces
/// refuse codes that are not on the current list; a hall without a province may still configure
/// local codes (anything not shaped like a national code), which this table leaves alone.
public enum NationalReasonCodes {
  /// The name this table's list goes by in `ReasonChecklist.version` (the national list publishes
  /// no version string of its own): `national-2` is the second national list, codes 510–517,
  /// 406–413, 307–314, 207–214 and 108–115 with their labels as the national platform serves
  /// them; the first (`national-1`, never shipped here) used the codes now retired.
  public static let version = "national-2"

  /// The codes in use after each level, in the national order.
  public static let current: [SatisfactionLevel: [ReasonItem]] = [
    .verySatisfied: items([
      ("510", "一窗受理一次办结", "One window, done in one visit"),
      ("511", "可以先受理后补材料", "Accepted first, documents added later"),
      ("512", "不用提交证明", "No certificates required"),
      ("513", "可以全程网上办理", "Can be done wholly online"),
      ("514", "可以使用手机办理", "Can be done on a phone"),
      ("515", "可以就近办理", "Can be done nearby"),
      ("516", "无需材料直接办理", "Done with no documents at all"),
      ("517", "服务热情效率高", "Warm and efficient service"),
    ]),
    .satisfied: items([
      ("406", "填写一张表单就可完成申报", "One form was enough to apply"),
      ("407", "在线提交材料窗口核验", "Documents sent online, checked at the window"),
      ("408", "一张清单告知全部申报材料", "One list named every document"),
      ("409", "用告知承诺减免申报材料", "A signed pledge replaced documents"),
      ("410", "可以在线预约办理", "Could book online"),
      ("411", "跑大厅一次办完", "Done in one trip to the hall"),
      ("412", "可以使用自助机办理", "Could use a self-service kiosk"),
      ("413", "服务态度较好", "Good service attitude"),
    ]),
    .basicallySatisfied: items([
      ("307", "一次性告知需要补正的材料", "Told all missing documents at once"),
      ("308", "提供申报材料样本", "Sample documents provided"),
      ("309", "在承诺的时间内办结", "Finished in the promised time"),
      ("310", "办事指南指引准确", "The service guide was accurate"),
      ("311", "按办事指南要求的材料即可办理", "The guide's documents were enough"),
      ("312", "可以快递送达", "Results sent by courier"),
      ("313", "跑动次数与承诺的一致", "As many trips as promised"),
      ("314", "服务态度一般", "Average service attitude"),
    ]),
    .dissatisfied: items([
      ("207", "没有提供材料样本", "No sample documents"),
      ("208", "没有提供材料清单", "No list of documents"),
      ("209", "未在承诺时间内办结", "Not finished in the promised time"),
      ("210", "同样内容的证明材料被要求多次提交", "Same certificate asked for again"),
      ("211", "承诺网办但无法在线办理", "Promised online, not possible online"),
      ("212", "在线预约办理后到实体大厅重复取号排队", "Booked online, queued again at the hall"),
      ("213", "窗口人员业务不熟练", "Window staff unsure of the work"),
      ("214", "服务态度生硬", "Curt service attitude"),
    ]),
    .veryDissatisfied: items([
      ("108", "在办事指南之外增加新的审批条件", "Conditions added beyond the guide"),
      ("109", "需提供办事指南之外的申报材料", "Documents asked beyond the guide"),
      ("110", "无理由超过法定办理时间", "Legal time limit passed for no reason"),
      ("111", "办事指南提供样本有错", "The guide's samples were wrong"),
      ("112", "承诺在线收取申报材料实际无法收取", "Online submission promised, not possible"),
      ("113", "多头跑窗口和部门", "Sent from window to window"),
      ("114", "跑动次数与承诺的不一致", "More trips than promised"),
      ("115", "服务态度差效率低", "Poor attitude, slow service"),
    ]),
  ]

  /// The codes the previous national list used, retired everywhere now.
  public static let retired: [SatisfactionLevel: ClosedRange<Int>] = [
    .verySatisfied: 501...509, .satisfied: 401...405, .basicallySatisfied: 301...306,
    .dissatisfied: 201...206, .veryDissatisfied: 101...107,
  ]

  /// Where a code stands on the national list.
  public enum Standing: Sendable, Hashable {
    /// On the current list, after `level`.
    case current(SatisfactionLevel, ReasonItem)
    /// On the previous list, after `level`; no province takes it any more.
    case retired(SatisfactionLevel)
    /// Not a national code: a local one.
    case local
  }

  /// Where `code` stands; only the exact digits count (`"0204"` is a local code, not 204).
  public static func standing(of code: String) -> Standing {
    for (level, items) in current {
      if let item = items.first(where: { $0.code == code }) { return .current(level, item) }
    }
    if let number = Int(code), String(number) == code,
      let level = retired.first(where: { $0.value.contains(number) })?.key
    {
      return .retired(level)
    }
    return .local
  }

  /// The label of `code` when it is on the current list.
  public static func label(of code: String) -> LocalizedText? {
    if case .current(_, let item) = standing(of: code) { item.label } else { nil }
  }

  /// The current codes after `level` as a range, e.g. `207–214`.
  public static func range(of level: SatisfactionLevel) -> String {
    let codes = (current[level] ?? []).map(\.code)
    return "\(codes.first ?? "")–\(codes.last ?? "")"
  }

  /// Why `code` must not be offered after `level`, or nil when it may: a retired national code
  /// never may, a current one only after its own level; local codes are left to the hall.
  public static func problem(offering code: String, after level: SatisfactionLevel) -> String? {
    switch standing(of: code) {
    case .retired(let old):
      return "code \(code) was retired from the national list"
        + " (current \(old.label.chinese) codes are \(range(of: old)))"
    case .current(let own, let item) where own != level:
      return "code \(code) (\(item.label.chinese)) is a national \(own.label.chinese) code, not one for"
        + " \(level.label.chinese) (current \(level.label.chinese) codes are \(range(of: level)))"
    case .current, .local:
      return nil
    }
  }

  private static func items(_ rows: [(String, String, String)]) -> [ReasonItem] {
    rows.map { ReasonItem(code: $0.0, label: LocalizedText($0.1, $0.2)) }
  }
}
