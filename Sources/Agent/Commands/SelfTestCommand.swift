import ArgumentParser
import Foundation
import Screen
import Touch

/// `ratingpad selftest`: the installer's pass/fail report, on the terminal and on the screen.
struct SelfTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "selftest",
    abstract: "Check display, touch, storage, clock and hub; print and show a pass/fail report.",
    discussion: "Stop the agent first (systemctl stop ratingpad): the display test needs the screen.")

  @OptionGroup var options: ConfigurationOption
  @Argument(help: "touch: instead, a grid to touch cell by cell; reports the cells that never saw a touch.")
  var part: String?
  @Option(help: "Seconds to leave the report on the screen.") var show = 10
  @Option(help: "With touch: seconds to wait for the grid to be covered.") var seconds = 60
  @Option(help: "With touch: the grid, COLUMNSxROWS.") var grid = "4x3"

  func run() throws {
    switch part {
    case nil: try runAll()
    case "touch": try runTouchGrid()
    case let other?: throw ValidationError("'\(other)' is not a part of the self-test (expected: touch)")
    }
  }

  private func runAll() throws {
    let configuration = try options.load()
    let test = SelfTest(configuration: configuration)
    var (checks, display) = test.localChecks()
    checks.append(try BlockingTask.run { await test.hub() })
    for check in checks {
      say(
        "\(check.passed ? "PASS" : "FAIL")  \(check.name.padding(toLength: 8, withPad: " ", startingAt: 0))  \(check.detail)"
      )
    }
    let failed = checks.filter { !$0.passed }.count
    say(
      failed == 0
        ? "selftest: all \(checks.count) checks passed"
        : "selftest: \(failed) of \(checks.count) checks failed")
    if let display {
      try? display.show { canvas in
        Painter(language: configuration.language).paint(.selfTest(checks: checks), on: canvas)
      }
      Thread.sleep(forTimeInterval: Double(show))
    }
    if failed > 0 { throw ExitCode(1) }
  }

  /// Shows a grid; each touch turns its cell green; reports the cells never touched.
  private func runTouchGrid() throws {
    let size = grid.split(separator: "x").compactMap { Int($0) }
    guard size.count == 2, (1...12).contains(size[0]), (1...12).contains(size[1]) else {
      throw ValidationError("--grid \(grid): expected COLUMNSxROWS, e.g. 4x3")
    }
    let (columns, rows) = (size[0], size[1])
    let configuration = try options.load()
    let display = try configuration.openDisplay()
    let session = try TouchSession(pin: configuration.touchDevice, configured: configuration.touchCalibration)
    let transform = TouchTransform(
      calibration: session.calibration,
      rotation: configuration.rotation)
    say("panel        \(session.names)")
    var touched = [Bool](repeating: false, count: columns * rows)
    let deadline = ContinuousClock.now + .seconds(seconds)
    while touched.contains(false) && ContinuousClock.now < deadline {
      try display.show { canvas in
        Painter(language: configuration.language).paint(
          .touchGrid(columns: columns, rows: rows, touched: touched), on: canvas)
      }
      guard let raw = session.nextTouch(timeout: deadline - ContinuousClock.now) else { break }
      let point = transform.apply(x: raw.x, y: raw.y)
      let column = min(columns - 1, max(0, Int(point.x * Double(columns))))
      let row = min(rows - 1, max(0, Int(point.y * Double(rows))))
      touched[row * columns + column] = true
      say("touch        row \(row + 1), column \(column + 1)")
    }
    try display.show { canvas in
      Painter(language: configuration.language).paint(
        .touchGrid(columns: columns, rows: rows, touched: touched), on: canvas)
    }
    let missed = touched.indices.filter { !touched[$0] }.map {
      "row \($0 / columns + 1) column \($0 % columns + 1)"
    }
    if missed.isEmpty {
      say("selftest touch: every one of the \(touched.count) cells saw a touch")
    } else {
      say(
        "selftest touch: no touch in \(missed.count) of \(touched.count) cells: \(missed.joined(separator: ", "))"
      )
      throw ExitCode(1)
    }
  }
}
