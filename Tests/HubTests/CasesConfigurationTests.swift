import Foundation
@testable import Hub
import Testing

/// `[cases]` is read with errors naming file, line and key; the key file is made when missing.
@Suite struct CasesConfigurationTests {
  @Test func theSectionIsReadRangeCheckedAndItsKeyFileMade() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cases-config-\(UUID())")
      .path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "counter-system-token-0001".write(
      toFile: directory + "/counter.token", atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes(
      [.posixPermissions: 0o600], ofItemAtPath: directory + "/counter.token")
    let path = directory + "/hub.toml"
    func load(_ cases: String) throws -> HubConfiguration {
      try "database = \"x.sqlite\"\n[cases]\ntoken_file = \"\(directory)/counter.token\"\n\(cases)\n".write(
        toFile: path, atomically: true, encoding: .utf8)
      return try HubConfiguration.load(path: path)
    }
    try "database = \"x.sqlite\"\n".write(toFile: path, atomically: true, encoding: .utf8)
    #expect(try HubConfiguration.load(path: path).cases == nil)
    let configured = try load("key_file = \"\(directory)/case.key\"")
    #expect(configured.cases?.retentionDays == 30)
    #expect(FileManager.default.contents(atPath: directory + "/case.key")?.count == 32)
    #expect(try load("key_file = \"\(directory)/case.key\"\nretention_days = 0").cases?.retentionDays == 0)
    for (line, key, said) in [
      ("key_file = \"\(directory)/case.key\"\nretention_days = 3651", "cases.retention_days", "out of range"),
      ("key_file = \"\(directory)/case.key\"\nretention = 5", "cases.retention", "unknown key"),
      ("", "cases.key_file", "is required"),
      ("key_file = \"\(directory)/no/such/dir/case.key\"", "cases.key_file", "cannot create the key file"),
    ] {
      do {
        _ = try load(line)
        Issue.record("\(line) was accepted")
      } catch {
        #expect("\(error)".contains("\(key): ") && "\(error)".contains(said), "\(error)")
        #expect("\(error)".contains("hub.toml"), "\(error)")
      }
    }
  }
}
