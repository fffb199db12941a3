/// A console user as the follow-up rules see them: the name recorded with each action, the role,
/// the department (a department head's) and the 工号 (a staff member's).
public struct FollowUpActor: Sendable, Equatable {
  /// The login name, written with each action.
  public var name: String
  public var role: ConsoleRole
  /// The department a department head answers for (the transaction's `department`).
  public var department: String
  /// A staff member's 工号 (the transaction's `staff_number`).
  public var staffNumber: String

  /// A user; only a department head needs a department, only staff a staff number.
  public init(name: String, role: ConsoleRole, department: String = "", staffNumber: String = "") {
    self.name = name
    self.role = role
    self.department = department
    self.staffNumber = staffNumber
  }

  /// Whether the user may see a rating of `department` by staff `staffNumber`. A department head
  /// or staff member with no department or 工号 sees nothing (rather than everything unassigned).
  public func maySee(department ratingDepartment: String, staffNumber ratingStaff: String) -> Bool {
    switch role {
    case .admin, .supervisor, .auditor: true
    case .departmentHead: !department.isEmpty && department == ratingDepartment
    case .staff: !staffNumber.isEmpty && staffNumber == ratingStaff
    }
  }
}
