/// What a console user may see and do: the roles a service hall gives the people who act on ratings.
public enum ConsoleRole: String, CaseIterable, Sendable, Codable {
  /// 大厅管理员: everything, in every department.
  case admin
  /// 督办人员: follows up and reviews bad ratings in every department.
  case supervisor
  /// 部门负责人: the same within its own department only.
  case departmentHead = "department_head"
  /// 审计员: reads everything, changes nothing.
  case auditor
  /// 工作人员: reads its own ratings (by 工号), changes nothing.
  case staff

  /// The role's name as the console shows it, Chinese first.
  public var label: String {
    switch self {
    case .admin: "大厅管理员 Hall administrator"
    case .supervisor: "督办人员 Supervisor"
    case .departmentHead: "部门负责人 Department head"
    case .auditor: "审计员 Auditor"
    case .staff: "工作人员 Staff"
    }
  }

  /// Whether the role changes anything at all (follow-ups, retries).
  public var acts: Bool { self == .admin || self == .supervisor || self == .departmentHead }
}
