import ArgumentParser
import Foundation

extension HubCommand {
  /// `user`: the console's accounts, managed on the hub's machine.
  struct User: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Manage the web console's users: add, passwd, disable, enable, list (each audited).",
      subcommands: [Add.self, Passwd.self, Disable.self, Enable.self, List.self])

    /// Options every changing subcommand takes.
    struct Change: ParsableArguments {
      @OptionGroup var database: DatabaseOption
      @Argument(help: "The login name (letters, digits, . _ -).") var name: String
      @Option(help: "Who makes the change (default: the login name, or sudo's caller).") var by: String?

      func validate() throws {
        guard ConsoleUser.isValidName(name) else {
          throw ValidationError("'\(name)' is not a login name: 1 to 64 letters, digits, '.', '_' or '-'")
        }
      }

      func audit(_ action: String, _ detail: String) -> AuditEntry {
        AuditEntry(actor: by ?? AuditEntry.operatorName, action: action, subject: name, detail: detail)
      }
    }

    /// The password, read from standard input (one line), without echo at a terminal.
    static func readPassword() throws -> String {
      let line: String?
      if isatty(0) == 1 {
        line = getpass("password (\(PasswordHash.minimumLength)+ characters): ").map { String(cString: $0) }
      } else {
        line = readLine(strippingNewline: true)
      }
      guard let line, !line.isEmpty else {
        throw ValidationError("give the password on standard input, one line")
      }
      do { return try PasswordHash.make(line) } catch { throw ValidationError(error.description) }
    }

    /// `user add`.
    struct Add: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Add a user; the password is read from standard input.")
      @OptionGroup var change: Change
      @Option(help: "admin, supervisor, department_head, auditor or staff.") var role: String
      @Option(help: "The name shown (default: the login name).") var displayName: String?
      @Option(help: "A department head's department code.") var department: String?
      @Option(help: "A staff member's 工号.") var staffNumber: String?

      func validate() throws {
        guard let role = ConsoleRole(rawValue: role) else {
          throw ValidationError(
            "--role must be one of \(ConsoleRole.allCases.map(\.rawValue).joined(separator: ", ")) (not '\(role)')"
          )
        }
        if role == .departmentHead && (department ?? "").isEmpty {
          throw ValidationError("a department_head needs --department")
        }
        if role == .staff && (staffNumber ?? "").isEmpty {
          throw ValidationError("a staff user needs --staff-number")
        }
        if let displayName, !(1...40).contains(displayName.count) {
          throw ValidationError("--display-name must be 1 to 40 characters")
        }
        for (option, value) in [("--department", department), ("--staff-number", staffNumber)] {
          if let value, value.count > 64 { throw ValidationError("\(option) is longer than 64 characters") }
        }
      }

      func run() async throws {
        let hash = try User.readPassword()
        let user = ConsoleUser(
          name: change.name, displayName: displayName ?? change.name, role: ConsoleRole(rawValue: role)!,
          department: department ?? "", staffNumber: staffNumber ?? "")
        let store = try await change.database.open()
        try await store.addUser(user, passwordHash: hash, audit: change.audit("user_add", "role \(role)"))
        print("added \(user.name) (\(user.role.label.chinese) \(user.role.label.english))")
      }
    }

    /// `user passwd`.
    struct Passwd: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Set a user's password (read from standard input); its sessions end.")
      @OptionGroup var change: Change

      func run() async throws {
        let hash = try User.readPassword()
        try await change.database.open().setPassword(
          of: change.name, hash: hash, audit: change.audit("user_passwd", "password set"))
        print("password of \(change.name) set")
      }
    }

    /// `user disable`.
    struct Disable: AsyncParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Disable a user; its sessions end.")
      @OptionGroup var change: Change
      @Option(help: "Why (kept in the audit log).") var reason: String = ""

      func run() async throws {
        try await change.database.open().setDisabled(
          change.name, true, audit: change.audit("user_disable", reason))
        print("disabled \(change.name)")
      }
    }

    /// `user enable`.
    struct Enable: AsyncParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Enable a disabled user again.")
      @OptionGroup var change: Change

      func run() async throws {
        try await change.database.open().setDisabled(
          change.name, false, audit: change.audit("user_enable", ""))
        print("enabled \(change.name)")
      }
    }

    /// `user list`.
    struct List: AsyncParsableCommand {
      static let configuration = CommandConfiguration(abstract: "List the console's users.")
      @OptionGroup var database: DatabaseOption

      func run() async throws {
        for user in try await database.open().users() {
          let scope = [
            user.department.nonEmpty.map { "department \($0)" }, user.staffNumber.nonEmpty.map { "工号 \($0)" },
          ]
          .compactMap { $0 }.joined(separator: ", ")
          print(
            "\(user.name)\t\(user.displayName)\t\(user.role.rawValue)\t\(scope)\t\(user.disabled ? "disabled" : "enabled")"
          )
        }
      }
    }
  }
}
