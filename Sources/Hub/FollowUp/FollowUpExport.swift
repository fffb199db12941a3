import Foundation
import RatingModel

/// Follow-ups as CSV for a spreadsheet: UTF-8 with a byte-order mark (so Excel reads the Chinese),
/// CRLF lines, one line per action with its rating's fields and the state after it, and one line
/// for a rating with no action yet. Times are the halls' (UTC+8).
public enum FollowUpExport {
  /// The header's cells, Chinese first.
  public static let columns = [
    "评价编号 Rating", "评价时间 Rated at", "大厅 Hall", "窗口 Window", "工号 Staff", "部门 Department",
    "事项编码 Service item", "办件编号 Transaction", "评价 Level", "差评原因 Reasons", "序号 No.",
    "操作时间 Action at", "操作 Action", "操作人 Actor", "角色 Role", "内容 Text", "延期天数 Days",
    "操作后状态 State after",
  ]

  /// The CSV of `ratings` and their follow-ups.
  public static func csv(_ ratings: [FollowUpRating]) -> String {
    var lines = [line(columns)]
    for rating in ratings {
      let fields = [
        rating.uuid, time(rating.wallMilliseconds), rating.hall, rating.window, rating.staffNumber,
        rating.department, rating.serviceItemCode, rating.transactionNumber, rating.level.label.chinese,
        rating.reasons.joined(separator: ","),
      ]
      guard !rating.followUp.history.isEmpty else {
        lines.append(line(fields + ["", "", "", "", "", "", "", FollowUpState.pending.label.chinese]))
        continue
      }
      for (index, step) in rating.followUp.history.enumerated() {
        let action = step.action
        lines.append(
          line(
            fields + [
              String(index + 1), time(action.atMilliseconds), action.kind.label.chinese, action.actor,
              action.role.label.chinese, action.text, action.days.map(String.init) ?? "",
              step.stateAfter.label.chinese,
            ]))
      }
    }
    return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
  }

  /// One cell: a text a spreadsheet would run as a formula (= + - @, or a tab or CR first) gets a
  /// leading apostrophe; one with a comma, quote or line break is quoted.
  static func cell(_ value: String) -> String {
    var text = value
    if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }

  private static func line(_ cells: [String]) -> String { cells.map(cell).joined(separator: ",") }

  /// `2026-11-03 09:30:00` in the halls' time.
  static func time(_ milliseconds: Int64) -> String {
    let local = milliseconds + Int64(CivilDate.utcOffsetSeconds) * 1000
    let seconds = Int(((local % 86_400_000) + 86_400_000) % 86_400_000 / 1000)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return
      "\(CivilDate(wallMilliseconds: milliseconds)) \(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
  }
}
