import RatingModel

/// What a console user may see and change: the hall's administrator and supervisors see and act
/// on every rating, a department head on its own department's, an auditor reads everything and
/// changes nothing, a staff member reads only the ratings of its own 工号.
public enum ConsoleRole: String, Sendable, CaseIterable, Codable {
  case admin
  case supervisor
  case departmentHead = "department_head"
  case auditor
  case staff

  /// The role's name, Chinese first.
  public var label: LocalizedText {
    switch self {
    case .admin: LocalizedText("大厅管理员", "Hall administrator")
    case .supervisor: LocalizedText("督办人员", "Supervisor")
    case .departmentHead: LocalizedText("部门负责人", "Department head")
    case .auditor: LocalizedText("审计员", "Auditor")
    case .staff: LocalizedText("工作人员", "Staff")
    }
  }

  /// Whether the role may record anything at all (a department head only within its department).
  public var canAct: Bool { self == .admin || self == .supervisor || self == .departmentHead }

  /// Whether the role may approve or reject an appeal or an unfixable declaration (a department
  /// head only within its department, and never the user who asked).
  public var canApprove: Bool { canAct }

  /// Whether the role sees every department's ratings and every staff member's.
  public var readsEverything: Bool { self == .admin || self == .supervisor || self == .auditor }
}
