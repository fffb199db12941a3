import ArgumentParser
import Foundation
import Screen

/// `ratingpad selftest`: the installer's pass/fail report, on the terminal and on the screen.
struct SelfTestCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "selftest",
    abstract: "Check display, touch, storage, clock and hub; print and show a pass/fail report.",
    discussion: "Stop the agent first (systemctl stop ratingpad): the display test needs the screen.")

  @OptionGroup var options: ConfigurationOption
  @Option(help: "Seconds to leave the report on the screen.") var show = 10

  func run() throws {
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
}
