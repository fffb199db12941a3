import ArgumentParser

/// The `ratingpad` command line: the agent and the tools a technician uses on the device.
public struct RatingpadCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "ratingpad",
    abstract: "The 好差评 rating pad agent: rate, record, and hand ratings to the hub.",
    version: "0.1.0",
    subcommands: [
      RunCommand.self, VerifyCommand.self, ExportCommand.self, StatusCommand.self, ResendCommand.self,
      ScreenshotCommand.self,
      ProvisionCommand.self, SelfTestCommand.self, CalibrateCommand.self,
      VoiceCommand.self, RekeyCommand.self,
    ]
  )

  public init() {}
}

/// The `--config` option every command shares.
struct ConfigurationOption: ParsableArguments {
  @Option(name: .long, help: "The configuration file.")
  var config: String = ConfigurationLoader.defaultPath

  /// Loads and validates the whole configuration, or exits naming file, line and key.
  func load() throws -> AgentConfiguration {
    do {
      return try ConfigurationLoader.load(path: config)
    } catch {
      throw ValidationError(error.description)
    }
  }
}
