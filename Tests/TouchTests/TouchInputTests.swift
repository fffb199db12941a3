import Foundation
import Glibc
import Testing

@testable import Touch

/// The event loop's side, recorded: which descriptors are watched, and their handlers.
final class RecordingLoop: DescriptorWatching, @unchecked Sendable {
  var handlers: [Int32: @Sendable () -> Void] = [:]

  func watch(fd: Int32, handler: @escaping @Sendable () -> Void) { handlers[fd] = handler }
  func unwatch(fd: Int32) { handlers[fd] = nil }
}

/// What the touch input reported.
final class NewsLog {
  var scans: [Int] = []
  var noHotplug = false

  func record(_ news: TouchInput.News) {
    switch news {
    case .scanned(let panels): scans.append(panels)
    case .noHotplug: noHotplug = true
    case .opened, .passedOver, .lost, .notGrabbed: break
    }
  }
}

/// The touch input's discovery and hotplug on a directory of its own (real panels are the VM's).
@Suite struct TouchInputDiscovery {
  func input(directory: String, loop: RecordingLoop, log: NewsLog) -> TouchInput {
    TouchInput(
      pin: nil, calibration: TouchTransform.identity, rotation: 0, directory: directory, loop: loop,
      surface: TwoButtonSurface(), report: log.record)
  }

  @Test func aNodeAppearingMakesItLookAgainAndWhatIsNoPanelIsNotOpened() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "input-\(UUID().uuidString)"
    )
    .path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let loop = RecordingLoop()
    let log = NewsLog()
    let touch = input(directory: directory, loop: loop, log: log)
    touch.start()
    #expect(log.scans == [0] && !log.noHotplug)
    let (fd, handler) = try #require(loop.handlers.first)
    #expect(loop.handlers.count == 1, "only the directory is watched while no panel is open")
    // Not an evdev device: found, looked at, and not opened.
    FileManager.default.createFile(atPath: directory + "/event3", contents: nil)
    var ready = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    #expect(poll(&ready, 1, 10_000) == 1, "the new node wakes the loop")
    handler()
    #expect(log.scans == [0, 0] && touch.panelCount == 0)
  }

  @Test func withoutHotplugThePanelsThereAreStillLookedFor() {
    let loop = RecordingLoop()
    let log = NewsLog()
    input(directory: "/nonexistent/input", loop: loop, log: log).start()
    #expect(log.noHotplug && log.scans == [0] && loop.handlers.isEmpty)
  }
}
