import Foundation
import Touch

/// Reads touches straight from the panels for the installer's tools, while the agent is stopped.
final class TouchSession {
  private var panels: [(panel: TouchPanel, pressed: Bool)]
  private let configured: [Double]

  /// Opens every touch panel (or only the pinned one), calibrated by udev or `configured`; fails
  /// naming what it looked for.
  init(pin: String?, configured: [Double]) throws(ProvisioningError) {
    panels = TouchPanel.openAll(pin: pin, configured: configured).map { ($0, false) }
    self.configured = configured
    if panels.isEmpty {
      throw ProvisioningError("no touch panel\(pin.map { " named \($0)" } ?? "") under /dev/input")
    }
  }

  /// The panels in use, for the report.
  var names: String {
    panels.map { "\($0.panel.device.name) (\($0.panel.device.path))" }.joined(separator: ", ")
  }

  /// The calibration in force: a panel's udev matrix, else the configured one.
  var calibration: [Double] { panels.first { $0.panel.calibratedByUdev }?.panel.calibration ?? configured }

  /// Waits for the next touch that is pressed and lifted; returns where it was lifted, as raw
  /// normalised panel coordinates (before calibration). Nil when `timeout` passes first.
  func nextTouch(timeout: Duration) -> (x: Double, y: Double)? {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
      var descriptors = panels.map {
        pollfd(fd: $0.panel.device.fileDescriptor, events: Int16(POLLIN), revents: 0)
      }
      let left = deadline - ContinuousClock.now
      let milliseconds = Int32(
        max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000))
      guard poll(&descriptors, nfds_t(descriptors.count), milliseconds) > 0 else { continue }
      for index in panels.indices where descriptors[index].revents & Int16(POLLIN) != 0 {
        for event in panels[index].panel.device.readEvents() ?? [] {
          switch panels[index].panel.decoder.feed(event) {
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
