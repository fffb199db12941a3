import Foundation
import RatingModel
import RecordChain
import SyncProtocol

/// What a webhook is told of one bad rating: the generic JSON body (`json` format) field by field,
/// and the source of the group robots' text.
///
/// The JSON fields, all always present (empty text, or an empty list, when the pad gave nothing):
///
/// | field | type | meaning |
/// |---|---|---|
/// | `event` | text | always `bad_rating` |
/// | `uuid` | text | the rating record's uuid (unique at the hub: the key to ask the console by) |
/// | `device` | text | the pad's key fingerprint |
/// | `seq` | number | the record's seq in the pad's chain |
/// | `device_name` | text | the pad's name at the hub (`[[pad]] name`, or the enrolled name) |
/// | `hall` | text | the hall, from the pad's card |
/// | `area_code` | text | the administrative area code, from the pad's card |
/// | `window` | text | the window of the transaction, else the pad's |
/// | `staff_number` | text | the clerk's 工号 |
/// | `department` | text | the transaction's department, else the pad's |
/// | `service_item_code` / `service_item_name` | text | the service item (事项) |
/// | `transaction_number` | text | the case (办件编号); empty for a free rating |
/// | `level` | text | `dissatisfied` or `very_dissatisfied` |
/// | `level_label` | text | 不满意 or 非常不满意 |
/// | `level_points` | number | 2 or 1 (5 = 非常满意) |
/// | `time` | text | when it was rated, ISO 8601 in the halls' time, e.g. `2026-12-05T09:30:00.123+08:00` |
/// | `reasons` | list | `{"code", "label"}` per reason the hub holds when it sends (often none yet: the
///   citizen may still be choosing); `label` is the national list's Chinese, empty for a local code |
/// | `console_url` | text | the rating's follow-up page in the hall's console (`[console] url`); empty without |
public struct BadRatingAlert: Codable, Sendable, Equatable {
  public var event = "bad_rating"
  public var uuid: String
  public var device: String
  public var seq: Int64
  public var deviceName: String
  public var hall: String
  public var areaCode: String
  public var window: String
  public var staffNumber: String
  public var department: String
  public var serviceItemCode: String
  public var serviceItemName: String
  public var transactionNumber: String
  public var level: String
  public var levelLabel: String
  public var levelPoints: Int
  public var time: String
  public var reasons: [Reason]
  /// The rating's follow-up page in the console, set by the deliverer when `[console] url` is.
  public var consoleURL = ""

  /// One reason the citizen gave, with the national list's label when the code is on it.
  public struct Reason: Codable, Sendable, Equatable {
    public var code: String
    public var label: String
  }

  enum CodingKeys: String, CodingKey {
    case event, uuid, device, seq, hall, window, department, level, time, reasons
    case deviceName = "device_name"
    case areaCode = "area_code"
    case staffNumber = "staff_number"
    case serviceItemCode = "service_item_code"
    case serviceItemName = "service_item_name"
    case transactionNumber = "transaction_number"
    case levelLabel = "level_label"
    case levelPoints = "level_points"
    case consoleURL = "console_url"
  }

  /// The alert of a stored bad rating: its record, its time as the hub keeps it, the pad's card and
  /// name, and the reason codes stored so far. Every text from the pad is cut to
  /// `fieldLimit` characters with its line breaks removed, so no value can forge a robot's line.
  init(
    record: WireRecord, wallMilliseconds: Int64, card: DeviceCard, deviceName: String, reasonCodes: [String]
  ) {
    let transaction = record.transaction
    let level = record.level.flatMap(SatisfactionLevel.init(rawValue:))
    func clean(_ text: String?) -> String { Self.clean(text ?? "") }
    uuid = clean(record.uuid)
    device = clean(card.fingerprint)
    seq = record.seq
    self.deviceName = clean(deviceName)
    hall = clean(card.hall)
    areaCode = clean(card.areaCode)
    window = clean(transaction?.window.nonEmpty ?? card.window)
    staffNumber = clean(transaction?.staffNumber)
    department = clean(transaction?.department.nonEmpty ?? card.department)
    serviceItemCode = clean(transaction?.serviceItemCode)
    serviceItemName = clean(transaction?.serviceItemName)
    transactionNumber = clean(transaction?.number)
    self.level = clean(record.level)
    levelLabel = level?.label.chinese ?? clean(record.level)
    levelPoints = level?.points ?? 0
    time = ISOTime.format(milliseconds: wallMilliseconds, offsetSeconds: Int32(CivilDate.utcOffsetSeconds))
    reasons = reasonCodes.prefix(Self.reasonLimit).map { code in
      let label: String =
        if case .current(_, let item) = NationalReasonCodes.standing(of: code) { item.label.chinese } else {
          ""
        }
      return Reason(code: Self.clean(code), label: label)
    }
  }

  /// The longest text taken from a record, in characters.
  static let fieldLimit = 200
  /// The most reasons an alert lists.
  static let reasonLimit = 16

  private static func clean(_ text: String) -> String {
    String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 }.prefix(fieldLimit))
  }

  /// The headline, Chinese first: `【差评提醒】灵武市政务服务大厅 3号窗口 工号S1 非常不满意` (the pad's name
  /// when its card names no hall).
  public var headline: String {
    // A pad enrolled from its key alone has no card yet: its name says where it is.
    var parts = ["【差评提醒】\(hall.isEmpty ? deviceName : hall)"]
    if !window.isEmpty { parts.append("\(window)号窗口") }
    if !staffNumber.isEmpty { parts.append("工号\(staffNumber)") }
    parts.append(levelLabel)
    return parts.joined(separator: " ")
  }

  /// The alert as a group robot's markdown: the headline, one line per known detail, then the
  /// same in English.
  public var markdown: String {
    var lines = ["**\(headline)**"]
    func line(_ label: String, _ value: String) { if !value.isEmpty { lines.append("> \(label)：\(value)") } }
    line("时间", String(time.prefix(19)).replacingOccurrences(of: "T", with: " "))
    line(
      "事项",
      [serviceItemName, serviceItemCode.isEmpty ? "" : "(\(serviceItemCode))"].filter { !$0.isEmpty }
        .joined(separator: " "))
    line("部门", department)
    line("办件编号", transactionNumber)
    line(
      "原因",
      reasons.isEmpty
        ? "尚未选择 (none yet)"
        : reasons.map { $0.label.isEmpty ? $0.code : "\($0.label)(\($0.code))" }
          .joined(separator: "；"))
    line("设备", deviceName)
    if !consoleURL.isEmpty { lines.append("> [处理 Follow up](\(consoleURL))") }
    let english = levelPoints == 1 ? "very dissatisfied" : "dissatisfied"
    lines.append(
      "Bad rating (\(english)) at \(hall.isEmpty ? deviceName : hall)"
        + (window.isEmpty ? "" : ", window \(window)") + (staffNumber.isEmpty ? "" : ", staff \(staffNumber)")
    )
    return lines.joined(separator: "\n")
  }
}
