import Foundation
import HubLink
import Ledger
import RecordChain
import Screen
import SyncProtocol
import Touch

/// The installer's self-test: display, touch, storage, clock and hub, each passed or failed with
/// what was found. Run with the agent stopped: the display test needs DRM master.
struct SelfTest {
  let configuration: AgentConfiguration

  /// The checks on the device itself; the display keeps showing the colour bars meanwhile.
  func localChecks() -> (checks: [CheckLine], display: DRMDisplay?) {
    let (displayCheck, display) = self.display()
    return ([displayCheck, touch(), storage(), clock()], display)
  }

  private func display() -> (CheckLine, DRMDisplay?) {
    do {
      let display = try configuration.openDisplay()
      try display.show { canvas in
        Painter(language: configuration.language).paint(.selfTest(checks: []), on: canvas)
      }
      return (
        CheckLine(
          name: "display", passed: true,
          detail:
            "\(display.path) \(display.connectorName) \(display.width)x\(display.height), output \(display.output.rawValue)"
            + " (\(display.outputDetail)), colour bars shown"),
        display
      )
    } catch .notMaster {
      return (
        CheckLine(
          name: "display", passed: false,
          detail: "another program holds the display; stop the agent first (systemctl stop ratingpad)"), nil
      )
    } catch {
      return (CheckLine(name: "display", passed: false, detail: error.description), nil)
    }
  }

  private func touch() -> CheckLine {
    let pin = configuration.touchDevice
    let panels = TouchPanel.openAll(pin: pin, configured: configuration.touchCalibration)
    guard !panels.isEmpty else {
      return CheckLine(
        name: "touch", passed: false,
        detail: pin.map { "no touch panel named \($0) in /dev/input" }
          ?? "no touchscreen or absolute pointer in /dev/input")
    }
    let names = panels.map { panel in
      "\(panel.device.name) (\(panel.device.path), calibration \(Self.text(panel.calibration))\(panel.calibratedByUdev ? " from udev" : ""))"
    }
    return CheckLine(name: "touch", passed: true, detail: names.joined(separator: ", "))
  }

  private static func text(_ matrix: [Double]) -> String {
    matrix.map { String(format: "%g", $0) }.joined(separator: " ")
  }

  /// Writes, fsyncs and reads back a scratch file beside the ledger, then checks the ledger itself.
  private func storage() -> CheckLine {
    let paths = configuration.paths
    let scratch = paths.stateDirectory + "/selftest.scratch"
    let bytes = (0..<65536).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let fd = open(scratch, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      return CheckLine(
        name: "storage", passed: false,
        detail: "cannot write in \(paths.stateDirectory): \(String(cString: strerror(errno)))")
    }
    defer {
      close(fd)
      unlink(scratch)
    }
    let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count, fsync(fd) == 0 else {
      return CheckLine(
        name: "storage", passed: false, detail: "write or fsync failed: \(String(cString: strerror(errno)))")
    }
    var back = [UInt8](repeating: 0, count: bytes.count)
    let read = back.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
    guard read == bytes.count, back == bytes else {
      return CheckLine(
        name: "storage", passed: false, detail: "what was read back differs from what was written")
    }
    do {
      let key = try DeviceKey.load(path: paths.deviceKey)
      let store = try LedgerStore.openForReading(path: paths.ledger)
      let report = try store.verify(publicKey: key.publicKey)
      guard report.isIntact else {
        return CheckLine(name: "storage", passed: false, detail: report.description)
      }
      return CheckLine(name: "storage", passed: true, detail: "write, fsync, read back ok; ledger: \(report)")
    } catch {
      return CheckLine(name: "storage", passed: false, detail: "ledger: \(error)")
    }
  }

  /// The clock is plausible: not before this software was written, and not behind the ledger.
  private func clock() -> CheckLine {
    let now = RecordTime.now()
    let text = ISOTime.format(milliseconds: now.wallMilliseconds, offsetSeconds: now.utcOffsetSeconds)
    guard now.wallMilliseconds >= Self.earliestPlausible else {
      return CheckLine(name: "clock", passed: false, detail: "\(text) is before 2026: the clock is not set")
    }
    if let store = try? LedgerStore.openForReading(path: configuration.paths.ledger),
      let head = try? store.head(), let last = try? store.records(after: head.seq - 1, limit: 1).first,
      last.time.wallMilliseconds > now.wallMilliseconds + 60_000
    {
      return CheckLine(
        name: "clock", passed: false,
        detail: "\(text) is behind the ledger's last record: the clock went back")
    }
    let synchronised =
      SystemClock.isSynchronised() ? "synchronised" : "not synchronised: the pad learns the time from the hub"
    return CheckLine(name: "clock", passed: true, detail: "\(text) (\(synchronised))")
  }

  private static let earliestPlausible: Int64 = 1_767_225_600_000  // 2026-01-01T00:00:00Z

  /// Pushes an empty batch: TLS handshake, the hub's certificate and the token, in one exchange.
  func hub() async -> CheckLine {
    guard let push = configuration.push else {
      return CheckLine(name: "hub", passed: true, detail: "no push URL: the hub pulls this pad")
    }
    let fingerprint: String
    do { fingerprint = try DeviceKey.load(path: configuration.paths.deviceKey).publicKey.fingerprint } catch {
      return CheckLine(name: "hub", passed: false, detail: "no device key: \(error)")
    }
    let result = await HubProbe.check(
      push, device: fingerprint,
      handovers: (try? HandoverFile(keyPath: configuration.paths.deviceKey).presented()) ?? [])
    return CheckLine(name: "hub", passed: result.linkWorks, detail: "\(push.url): \(result)")
  }
}
