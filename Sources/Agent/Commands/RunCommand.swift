import ArgumentParser
import Foundation
import Logging
import RatingFlow

/// `ratingpad run`: the agent itself.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run the pad: prompts, taps, the ledger.")

  @OptionGroup var options: ConfigurationOption

  @Option(help: "Run headless against this tap script instead of a touch screen, and stop when it ends.")
  var script: String?

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
    let agent = try PadAgent(configuration: configuration, logger: Logger(label: "ratingpad"))
    if let tapScript {
      try agent.run(script: tapScript)
    } else {
      try agent.run()
    }
  }
}
