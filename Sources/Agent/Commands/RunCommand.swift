import ArgumentParser
import Foundation
import Ledger
import Logging
import RatingModel

/// `ratingpad run`: the agent itself.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run the pad: prompts, taps, the ledger.")

  @OptionGroup var options: ConfigurationOption

  @Option(
    help: "Play this script as counter system (and citizen), and stop once it has ended and the pad is idle.")
  var script: String?

  @Flag(help: "Use no display and no touch device (the script is then the only input).")
  var headless = false

  func run() throws {
    let configuration = try options.load()
    // Read the script before touching the ledger: a bad script must write nothing.
    let tapScript = try script.map { path in
      do {
        return try TapScript(text: String(contentsOfFile: path, encoding: .utf8), file: path)
      } catch let error as TapScriptError {
        throw ValidationError(error.description)
      } catch {
        throw ValidationError("\(path): cannot read the tap script (\(error.localizedDescription))")
      }
    }
    let logger = Logger(label: "ratingpad")
    let agent: PadAgent
    do {
      agent = try PadAgent(configuration: configuration, logger: logger, headless: headless)
    } catch let error as LedgerError where tapScript == nil && error.isDeviceKeyLost {
      // The service stays up out of service; a script (a test, a demo) has nothing to play.
      OutOfServiceHold(
        fault: .deviceKeyLost("\(error)"),
        remedy: "run `ratingpad rekey`, enrol the new code at the hub, then restart the pad", logger: logger
      ).run(configuration: configuration, headless: headless)
      return
    }
    if let tapScript {
      try agent.run(script: tapScript)
    } else {
      try agent.run()
    }
  }
}
