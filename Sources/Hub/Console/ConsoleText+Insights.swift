import RatingModel

/// The reports, fleet and audit pages' strings: part of the one table of `ConsoleText`, Chinese
/// first, then English.
extension ConsoleText {
  static let ranking = "窗口排名 Window ranking"
  static let scoreOverTime = "满意度走势 Score over time"
  static let total = "合计 Total"
  static let never = "从未联系 never"
  static let online = "在线 online"
  static let offline = "离线 offline"
  static let badQuery = "查询条件有误 / "
  static let nothingToRetry = "没有可重新上报的被拒评价 / nothing refused to send again for case "
  static let nothingToClear = "该设备没有标记 / the device has no flag or impostor note to clear"
  static let reasonNeeded = "请填写原因（至少 4 个字）/ give a reason of at least 4 characters"
  static let unknownDevice = "没有这台设备 / no device is enrolled with that fingerprint"
  static let badCase = "办件编号有误 / the case number is not one"

  /// The dimension's name.
  static func dimension(_ dimension: SatisfactionReport.Dimension) -> String {
    switch dimension {
    case .hall: "大厅 Hall"
    case .window: "窗口 Window"
    case .staff: "工号 Staff"
    case .department: "部门 Department"
    case .serviceItem: "事项 Service item"
    }
  }

  /// Which ratings a scoped user's report counts.
  static func scopeNote(_ user: ConsoleUser) -> String {
    if let department = user.scope.department {
      return "仅本部门 \(department) 的评价 / only department \(department)'s ratings"
    }
    if let staff = user.scope.staffNumber {
      return "仅工号 \(staff) 的评价 / only the ratings of staff no. \(staff)"
    }
    return ""
  }

  /// An outbox state's name.
  static func outboxState(_ state: OutboxState) -> String {
    switch state {
    case .awaitingReasons: "待原因 Awaiting reasons"
    case .pending: "待上报 Pending"
    case .sent: "已上报 Sent"
    case .refused: "被拒 Refused"
    case .notForwardable: "不上报 Not forwardable"
    }
  }

  /// How a pad's clock stands, from its records.
  static func clock(_ condition: DeviceCondition) -> String {
    if condition.uncorrected > 0 {
      return
        "时钟未知，\(condition.uncorrected) 条待定时 / clock unknown: \(condition.uncorrected) records await their time"
    }
    switch condition.clock {
    case .known?: return "正常 known"
    case .corrected?: return "已校正 corrected"
    case .uncorrected?: return "时钟未知 unknown"
    case .unmarked?: return "未标注 not marked (older agent)"
    case nil: return "-"
    }
  }

  /// The reports and ranking pages' labels, by the name their templates use.
  static var reportLabels: [String: Any] {
    [
      "byLabel": "分组 Group by", "monthLabel": "月份 Month", "quarterLabel": "季度 Quarter",
      "fromLabel": "起 From", "toLabel": "止 To", "showLabel": "查询 Show", "periodLabel": "统计期 Period",
      "ratingsLabel": ratings, "badLabel": badRatings, "scoreLabel": score, "csvLabel": "下载 CSV Download CSV",
      "rankingLabel": ranking, "reportLabel": reports, "chartLabel": scoreOverTime, "rankLabel": "名次 Rank",
      "windowLabel": window, "emptyLabel": "该期间没有评价 / no ratings in this period",
      "monthHint": "2026-11", "quarterHint": "2026Q4", "dateHint": "2026-11-30",
    ]
  }

  /// The fleet page's labels.
  static var fleetLabels: [String: Any] {
    [
      "padsLabel": "评价器 Pads", "nameLabel": "名称 Name", "hallLabel": hall, "windowLabel": window,
      "contactLabel": "最近联系 Last contact", "stateLabel": "状态 State", "backlogLabel": "积压 Backlog",
      "chainLabel": "记录链 Chain", "softwareLabel": "软件 Software", "channelLabel": "渠道 Channel",
      "clockLabel": "时钟 Clock", "faultLabel": "故障 Last fault", "throughLabel": "至 seq through seq",
      "flaggedLabel": "已标记 Flagged", "handedOverLabel": "已移交 Handed over to",
      "impostorLabel": "冒充 Impostor", "intactLabel": "完整 intact", "clearLabel": "清除标记 Clear flag",
      "reasonLabel": "原因 Reason", "uplinkLabel": "上报省平台 Uplink to the province",
      "oldestLabel": "最早未上报 Oldest unsent", "awaitingClockLabel": "待定时 Held for their time",
      "refusedLabel": "被拒评价 Refused ratings", "pendingLabel": "待上报（最早）Pending (oldest)",
      "caseLabel": "办件编号 Case", "stageLabel": "环节 Stage", "deviceLabel": "设备 Device",
      "whyLabel": "省平台答复 Province's text", "attemptsLabel": "次数 Tries", "enteredLabel": "入队 Entered",
      "retryLabel": "重新上报 Send again", "noneLabel": "无 none",
      "onlineLabel": online,
      "onlineNote": "在线：最近联系在以下分钟内 / online: heard from within minutes:",
    ]
  }

  /// The audit page's labels.
  static var auditLabels: [String: Any] {
    [
      "timeLabel": time, "actorLabel": "操作人 Who", "actionLabel": "操作 Action", "subjectLabel": "对象 Subject",
      "detailLabel": "说明 Detail", "newerLabel": "← 较新 Newer", "olderLabel": "较早 Older →",
      "pageLabel": "页 Page", "countLabel": "条 entries", "emptyLabel": "暂无记录 / nothing recorded yet",
    ]
  }
}
