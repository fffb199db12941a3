/// Every string the console shows a person, Chinese first, then English.
enum ConsoleText {
  static let today = "今日 Today"
  static let followUps = "差评整改 Follow-ups"
  static let alerts = "差评提醒 Alerts"
  static let reports = "统计报表 Reports"
  static let fleet = "设备 Fleet"
  static let audit = "操作记录 Audit log"
  static let logout = "退出 Log out"
  static let login = "登录 Log in"
  static let username = "用户名 User name"
  static let password = "密码 Password"
  static let loginFailed = "用户名或密码错误 / wrong user name or password"
  static let loginThrottled = "登录失败次数过多，请稍后再试 / too many failed logins: try again later"
  static let formExpired = "表单已过期，请重新登录 / the form has expired: log in again"
  static let forbidden = "无权执行此操作 / you may not do this"
  static let csrfRefused = "请求缺少有效的表单令牌 (CSRF) / the request carries no valid form token (CSRF)"
  static let notFound = "未找到 / not found"
  static let storage = "数据库暂时无法访问 / the database cannot be reached just now"
  static let badForm = "表单无法读取 / the form cannot be read"
  static let windows = "窗口 Windows"
  static let staff = "工作人员 Staff"
  static let live = "实时评价 Live ratings"
  static let newBadRating = "新差评 New bad rating"
  static let ratings = "评价数 Ratings"
  static let badRatings = "差评 Bad"
  static let score = "满意度 Score /100"
  static let noRatingsYet = "今日暂无评价 / no ratings yet today"
  static let window = "窗口 Window"
  static let staffNumber = "工号 Staff no."
  static let time = "时间 Time"
  static let level = "评价 Rating"
  static let hall = "大厅 Hall"
}

extension ConsoleText {
  static let state = "状态 State"
  static let month = "月份 Month"
  static let filter = "筛选 Filter"
  static let exportCSV = "导出 CSV Export"
  static let place = "地点 Place"
  static let reasons = "原因 Reasons"
  static let deadlines = "期限 Deadlines (回访 contact / 整改 fix)"
  static let overdueContact = "回访超期 contact overdue"
  static let overdueFix = "整改超期 fix overdue"
  static let noBadRatings = "没有符合条件的差评 / no bad ratings match"
  static let previous = "上一页 Previous"
  static let next = "下一页 Next"
  static let openOnes = "未办结 Open"
  static let allStates = "全部 All"
  static let history = "处理记录 Actions"
  static let noActions = "尚无处理记录 / nothing recorded yet"
  static let recordAction = "记录处理 Record an action"
  static let action = "操作 Action"
  static let text = "说明 Text"
  static let days = "延期工作日 Extension, working days"
  static let daysHint = "仅延期需要，1–15 / only for an extension, 1 to 15"
  static let submit = "提交 Submit"
  static let transaction = "办件编号 Transaction"
  static let serviceItem = "事项编码 Service item"
  static let department = "部门 Department"
  static let device = "设备 Pad"
  static let clockUnknown = "（时钟未知 clock unknown）"
  static let timeCorrected = "（时间已校正 time corrected）"
  static let noReasons = "未填写 none given"
  static let badKind = "未知的操作 / unknown action"
  static let badDays = "延期天数必须是 1 到 15 的整数 / extension days must be a whole number from 1 to 15"
  static let badState = "未知的状态 / unknown state"
  static let badPage = "页码必须是正整数 / the page must be a positive whole number"
}

extension ConsoleText {
  static let webhooks = "提醒渠道 Webhooks"
  static let webhook = "渠道 Webhook"
  static let noWebhooks = "未配置提醒渠道（hub.toml 的 [[webhook]]）/ no webhooks configured ([[webhook]] in hub.toml)"
  static let deliveries = "最近的提醒 Latest alerts"
  static let attempts = "发送次数 Tries"
  static let lastAnswer = "最近结果 Last answer"
  static let deliveredAt = "已送达 delivered"
  static let oldestUndelivered = "最早未送达 oldest undelivered"
  static let allDelivered = "全部已送达 / every alert delivered"
}

extension ConsoleText {
  static let forwardingTo = "上报至 forwarding to"
  static let noUplink =
    "未配置上报省平台（hub.toml 的 [uplink]）：评价在此等候，配置后上报 / no [uplink] configured: ratings wait here and go once it is"
}

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
