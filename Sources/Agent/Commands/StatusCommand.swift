import ArgumentParser
import HubLink
import Ledger
import RecordChain
import SyncProtocol

/// `ratingpad status`: what a technician needs at a glance: the ledger, and the running agent's
/// health (screen, touch, last sync, faults) when it can be asked.
struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show the backlog, the last sync, faults, the hub's acknowledgement cursor and the chain head.")

  @OptionGroup var options: ConfigurationOption

  func run() throws {
    let configuration = try options.load()
    let store = try LedgerStore.openForReading(path: configuration.paths.ledger)
    let status = try store.status()
    print(
      "device       \(configuration.device.hall), window \(configuration.device.window) (\(configuration.device.channel.rawValue))"
    )
    print("ledger       \(configuration.paths.ledger)")
    print(status.description)
    // The status reader may not read the key itself; the handovers beside it are enough.
    if let handover = try? HandoverFile(keyPath: configuration.paths.deviceKey).read().last {
      print(
        "key          handed over from \(handover.previousFingerprint) to \(handover.next.fingerprint) when the ledger started over"
      )
    }
    guard let api = configuration.api else {
      print("agent        no [api] configured: the running agent cannot be asked")
      return
    }
    switch try BlockingTask.run({ await AgentQuery.health(api) }) {
    case .success(let health):
      print("agent        \(health.status)")
      print("screen       \(health.screen)")
      print("touch        \(health.touch)")
      print("storage      \(health.storage)")
      print("clock        \(health.clock)")
      print("clock known  \(health.clockKnown ?? "not reported by this agent")")
      print("last sync    \(health.lastSyncMilliseconds.map(Self.time) ?? "never since the agent started")")
      print("dead letters \(health.deadLetters)")
      if let answer = health.waitingForEnrolment {
        print("hub          does not know this pad (yet), asking again: \(answer)")
      }
      print("faults       \(health.faults.isEmpty ? "none" : health.faults.joined(separator: ", "))")
    case .failure(let problem):
      print("agent        \(problem)")
      throw ExitCode(3)
    }
  }

  private static func time(_ milliseconds: Int64) -> String {
    ISOTime.format(milliseconds: milliseconds, offsetSeconds: RecordTime.now().utcOffsetSeconds)
  }
}
