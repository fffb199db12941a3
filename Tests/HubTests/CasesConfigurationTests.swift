import Foundation
@testable import Hub
import Synchronization
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

  @Test func hubsStartingAtOnceMakeOneKeyAndNeverReadItHalfWritten() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cases-key-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    for round in 0..<20 {
      let path = "\(directory)/case-\(round).key"
      let keys = Mutex<[Result<Data, CaseKeyError>]>([])
      DispatchQueue.concurrentPerform(iterations: 8) { _ in
        let key = Result { () throws(CaseKeyError) in try CaseKeyFile.load(path: path) }
          .map { $0.withUnsafeBytes { Data($0) } }
        keys.withLock { $0.append(key) }
      }
      let all = keys.withLock { $0 }
      let read = all.compactMap { try? $0.get() }
      #expect(read.count == 8, "\(all)")
      #expect(Set(read).count == 1, "every starting hub reads the one key")
    }
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: directory).count == 20, "no temporary file left")
  }
}
