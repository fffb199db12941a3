/// A person who logs in to the console: its login name, role and what the role is scoped to.
public struct ConsoleUser: Sendable, Equatable {
  /// The login name (letters, digits, `._-`, 1…64).
  public var name: String
  /// The name shown, e.g. 张三.
  public var displayName: String
  /// What the user may see and do.
  public var role: ConsoleRole
  /// A department head's department (the transactions' department code).
  public var department: String
  /// A staff member's 工号.
  public var staffNumber: String
  /// Whether the account may no longer log in.
  public var disabled: Bool

  /// Makes a user.
  public init(
    name: String, displayName: String, role: ConsoleRole, department: String = "", staffNumber: String = "",
    disabled: Bool = false
  ) {
    self.name = name
    self.displayName = displayName
    self.role = role
    self.department = department
    self.staffNumber = staffNumber
    self.disabled = disabled
  }

  /// The ratings the user may see.
  public var scope: RatingScope {
    switch role {
    case .departmentHead: RatingScope(department: department)
    case .staff: RatingScope(staffNumber: staffNumber)
    case .admin, .supervisor, .auditor: RatingScope()
    }
  }

  /// The user as the follow-up rules see them.
  public var actor: FollowUpActor {
    FollowUpActor(name: name, role: role, department: department, staffNumber: staffNumber)
  }

  /// Whether `name` can be a login name.
  public static func isValidName(_ name: String) -> Bool {
    (1...64).contains(name.utf8.count)
      && name.unicodeScalars.allSatisfy {
        $0.isASCII
          && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0))
      }
  }
}

/// Which ratings a user sees, as the stores' queries ask for them: all, one department's, or one
/// staff member's (the rule itself is `FollowUpActor.maySee`).
public struct RatingScope: Sendable, Equatable {
  /// Only this department's transactions, when set.
  public var department: String?
  /// Only this staff number's transactions, when set.
  public var staffNumber: String?

  /// A scope; both nil: everything.
  public init(department: String? = nil, staffNumber: String? = nil) {
    self.department = department
    self.staffNumber = staffNumber
  }

  /// The SQL condition on the records' `department` and `staff` columns, and its values.
  var condition: (sql: String, values: [SQLValue]) {
    var terms: [String] = []
    var values: [SQLValue] = []
    if let department { terms.append("department = ?"); values.append(.text(department)) }
    if let staffNumber { terms.append("staff = ?"); values.append(.text(staffNumber)) }
    return (terms.isEmpty ? "1 = 1" : terms.joined(separator: " AND "), values)
  }
}
