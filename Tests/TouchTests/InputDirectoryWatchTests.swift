import Foundation
import Testing

@testable import Touch

/// The hotplug watch reports new `event*` nodes and nothing else (the real /dev/input is tested in the VM).
@Suite struct InputDirectoryWatchTests {
  @Test func aNewEventNodeIsReportedAndOtherNodesAreNot() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "input-\(UUID().uuidString)"
    ).path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let watch = try InputDirectoryWatch(directory: directory)
    #expect(!watch.drain())
    FileManager.default.createFile(atPath: directory + "/mouse0", contents: nil)
    #expect(!watch.drain())
    FileManager.default.createFile(atPath: directory + "/event7", contents: nil)
    #expect(watch.drain())
    #expect(!watch.drain())
  }

  @Test func aMissingDirectoryIsAnErrorNamingIt() {
    #expect {
      _ = try InputDirectoryWatch(directory: "/nonexistent/input")
    } throws: { error in
      (error as? TouchError)?.description.contains("/nonexistent/input") == true
    }
  }
}
