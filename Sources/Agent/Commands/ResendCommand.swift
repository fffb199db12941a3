import ArgumentParser
import HubLink

/// `ratingpad resend`: once the cause of a hub's refusal is fixed (a token, an enrolment), the
/// running agent sends the refused batches (dead letters) again instead of waiting for a restart.
struct ResendCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resend",
    abstract: "Have the running agent send the batches the hub refused (dead letters) again.")

  @OptionGroup var options: ConfigurationOption

  func run() throws {
    let configuration = try options.load()
    guard let api = configuration.api else {
      throw ValidationError("no [api] is configured: the running agent cannot be asked")
    }
    switch try BlockingTask.run({ await AgentQuery.resendDeadLetters(api) }) {
    case .success(let count):
      print(count == 0 ? "no dead letters: nothing to send again" : "sending \(count) refused batches again")
    case .failure(let problem):
      print("agent        \(problem)")
      throw ExitCode(3)
    }
  }
}
