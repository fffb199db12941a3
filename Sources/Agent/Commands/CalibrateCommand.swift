import ArgumentParser
import Foundation
import Screen
import Touch

/// `ratingpad calibrate`: three crosses to tap, the matrix computed, a test tap, then saved.
struct CalibrateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "calibrate",
    abstract: "Calibrate the touch panel: tap three crosses and a test cross; saves [touch] calibration.",
    discussion: "Stop the agent first (systemctl stop ratingpad): this needs the screen and the panel.")

  @OptionGroup var options: ConfigurationOption
  @Option(help: "Seconds to wait for each tap.") var timeout = 60
  @Flag(help: "Compute and check the matrix, but do not save it.") var dryRun = false

  /// Where the crosses go, as fractions of the panel before rotation: spread over the screen and
  /// not on one line, away from the edges a bezel may cover.
  static let targets: [(x: Double, y: Double)] = [(0.15, 0.15), (0.85, 0.5), (0.3, 0.85)]

  func run() throws {
    let configuration = try options.load()
    let display = try configuration.openDisplay()
    let session = try TouchSession(pin: configuration.touchDevice, configured: configuration.touchCalibration)
    say("panel        \(session.names)")
    let turn = TouchTransform(calibration: TouchTransform.identity, rotation: configuration.rotation)
    let (width, height) = display.logicalSize
    var raw: [(x: Double, y: Double)] = []
    for (index, target) in (Self.targets + [(0.5, 0.5)]).enumerated() {
      let spot = turn.apply(x: target.x, y: target.y)  // where the panel point is on the logical screen
      try display.show { canvas in
        Painter(language: configuration.language).paint(
          .touchTarget(x: spot.x, y: spot.y, step: index + 1, steps: Self.targets.count + 1), on: canvas)
      }
      say(
        "target \(index + 1) of \(Self.targets.count + 1) at \(Int((spot.x * Double(width)).rounded())),\(Int((spot.y * Double(height)).rounded())) px"
      )
      guard let touch = session.nextTouch(timeout: .seconds(timeout)) else {
        throw ProvisioningError("no tap on target \(index + 1) within \(timeout) s; nothing was saved")
      }
      raw.append(touch)
    }
    let matrix = try CalibrationSolver.matrix(raw: Array(raw.prefix(3)), targets: Self.targets)
    let text = matrix.map { String(format: "%.6g", $0) }.joined(separator: " ")
    // The test tap, through the new matrix: how far from the centre cross did it land?
    let check = TouchTransform(calibration: matrix, rotation: configuration.rotation).apply(
      x: raw[3].x, y: raw[3].y)
    let error = hypot((check.x - 0.5) * Double(width), (check.y - 0.5) * Double(height))
    say("matrix       \(text)")
    say("test tap     \(String(format: "%.1f", error)) px from the centre cross")
    guard error <= Double(min(width, height)) * 0.03 else {
      throw ProvisioningError(
        "the test tap landed \(Int(error)) px off: the calibration does not hold; run it again")
    }
    if dryRun { return }
    try ConfigurationEditor(path: options.config).set(section: "touch", key: "calibration", value: text)
    say("saved        [touch] calibration = \"\(text)\" in \(options.config); restart the agent to use it")
  }
}
