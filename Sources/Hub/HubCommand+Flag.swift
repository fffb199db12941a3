import ArgumentParser
import Foundation

extension HubCommand {
  /// `flag`: a device's flag and impostor note, examined and cleared by an operator.
  struct Flag: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Examine or clear a device's flag (a broken or forked chain) and its impostor note.",
      subcommands: [Show.self, Clear.self])

    /// `flag show`: everything the hub holds about the device's trust.
    struct Show: AsyncParsableCommand {
      static let configuration = CommandConfiguration(abstract: "Show a device's flag and impostor note.")
      @OptionGroup var database: DatabaseOption
      @Argument(help: "The pad's name or its key fingerprint.") var device: String

      func run() async throws {
        let store = try await database.open()
        let found = try await Flag.find(device, in: store)
        print("device     \(found.name) (key \(found.fingerprint))")
        print("chain      through seq \(found.lastSeq), hash \(found.lastHash)")
        print("flag       \(found.problem ?? "none: its records are accepted")")
        print("impostor   \(found.impostor ?? "none seen")")
        for entry in try await store.auditLog() where entry.subject.contains(found.fingerprint) {
          print("audit      \(entry.line)")
        }
      }
    }

    /// `flag clear`: the device's records accepted again, with an audit line saying who and why.
    struct Clear: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        abstract:
          "Clear a device's flag and impostor note once the cause is understood; kept in the audit log.")
      @OptionGroup var database: DatabaseOption
      @Argument(help: "The pad's name or its key fingerprint.") var device: String
      @Option(help: "Why the flag may be cleared (kept in the audit log).") var reason: String
      @Option(help: "Who clears it (default: the login name, or sudo's caller).") var by: String?

      func validate() throws {
        guard reason.trimmingCharacters(in: .whitespacesAndNewlines).count >= 4 else {
          throw ValidationError("--reason must say why the flag may be cleared")
        }
      }

      func run() async throws {
        let store = try await database.open()
        let found = try await Flag.find(device, in: store)
        let entry = AuditEntry.clearingFlag(of: found, by: by ?? AuditEntry.operatorName, reason: reason)
        guard try await store.clearFlag(device: found.fingerprint, audit: entry) else {
          print("\(found.name): nothing to clear (no flag, no impostor note)")
          return
        }
        print("cleared: \(entry.line)")
      }
    }

    /// The device named `text` (a pad's name or a fingerprint); an error names what was not found.
    static func find(_ text: String, in store: any HubStore) async throws -> EnrolledDevice {
      if let device = try await store.device(text) { return device }
      if let device = try await store.device(named: text) { return device }
      throw ValidationError("no device is enrolled with the name or fingerprint '\(text)'")
    }
  }

  /// `audit`: every operator action, oldest first.
  struct Audit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Every operator action kept in the audit log.")
    @OptionGroup var database: DatabaseOption

    func run() async throws {
      for entry in try await database.open().auditLog() { print(entry.line) }
    }
  }
}
