import Foundation
import Touch

/// Reads touches straight from the panels for the installer's tools, while the agent is stopped.
final class TouchSession {
  private var panels: [(device: TouchDevice, decoder: ContactDecoder, pressed: Bool)]

  /// Opens every touch panel (or only the pinned one); fails naming what it looked for.
  init(pin: String?) throws(ProvisioningError) {
    panels = TouchDevice.discover().filter { pin == nil || $0.matches(pin: pin!) }.map {
      ($0, ContactDecoder(mode: $0.mode, x: $0.xRange, y: $0.yRange, palmMajor: $0.palmMajor), false)
    }
    if panels.isEmpty {
      throw ProvisioningError("no touch panel\(pin.map { " named \($0)" } ?? "") under /dev/input")
    }
  }

  /// The panels in use, for the report.
  var names: String { panels.map { "\($0.device.name) (\($0.device.path))" }.joined(separator: ", ") }

  /// The calibration that applies to `index`'s panel: its udev matrix, else the configured one.
  func calibration(configured: [Double]) -> [Double] {
    panels.lazy.compactMap { UdevCalibration().matrix(forDescriptor: $0.device.fileDescriptor) }.first
      ?? configured
  }

  /// Waits for the next touch that is pressed and lifted; returns where it was lifted, as raw
  /// normalised panel coordinates (before calibration). Nil when `timeout` passes first.
  func nextTouch(timeout: Duration) -> (x: Double, y: Double)? {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      var descriptors = panels.map { pollfd(fd: $0.device.fileDescriptor, events: Int16(POLLIN), revents: 0) }
      let left = deadline - ContinuousClock.now
      let milliseconds = Int32(
        max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
      guard poll(&descriptors, nfds_t(descriptors.count), milliseconds) > 0 else { continue }
      for index in panels.indices where descriptors[index].revents & Int16(POLLIN) != 0 {
        for event in panels[index].device.readEvents() ?? [] {
          switch panels[index].decoder.feed(event) {
          case .down?: panels[index].pressed = true
          case .cancelled?: panels[index].pressed = false
          case .up(let x, let y, _)? where panels[index].pressed:
            panels[index].pressed = false
            return (x, y)
          default: break
          }
        }
      }
    }
    return nil
  }
}
