import Foundation
import RatingModel
import RecordChain

/// One operator action at the hub (a flag cleared), kept for good: who, when, what, on what, why.
public struct AuditEntry: Sendable, Equatable {
  /// When, milliseconds since the epoch.
  public var atMilliseconds: Int64
  /// Who: the operator's login name, or the name given.
  public var actor: String
  /// What was done, e.g. `clear_flag`.
  public var action: String
  /// What it was done to, e.g. a device's name and fingerprint.
  public var subject: String
  /// Why, and what was there before.
  public var detail: String

  /// Makes an entry stamped now.
  public init(actor: String, action: String, subject: String, detail: String, atMilliseconds: Int64? = nil) {
    self.atMilliseconds = atMilliseconds ?? UnixMilliseconds.now()
    self.actor = actor
    self.action = action
    self.subject = subject
    self.detail = detail
  }

  /// The entry as one line, in the halls' time.
  public var line: String {
    let time = ISOTime.format(milliseconds: atMilliseconds, offsetSeconds: Int32(CivilDate.utcOffsetSeconds))
    return "\(time)\t\(actor)\t\(action)\t\(subject)\t\(detail)"
  }

  /// The person at the keyboard: the one who used sudo, else the login name.
  public static var operatorName: String {
    let environment = ProcessInfo.processInfo.environment
    return environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? "uid \(getuid())"
  }

  /// The audit table's columns, in the order `row` gives them.
  static let columns = ["at_ms", "actor", "action", "subject", "detail"]

  /// The entry's values for `columns`.
  var row: [SQLValue] {
    [.integer(atMilliseconds), .text(actor), .text(action), .text(subject), .text(detail)]
  }

  /// An entry from a row of `columns`.
  init(row: [SQLValue]) {
    self.init(
      actor: row[1].text ?? "", action: row[2].text ?? "", subject: row[3].text ?? "",
      detail: row[4].text ?? "",
      atMilliseconds: row[0].integer ?? 0)
  }
}
