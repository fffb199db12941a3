import ArgumentParser
import Ledger

/// `ratingpad status`: what a technician needs at a glance.
struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status", abstract: "Show the backlog, the hub's acknowledgement cursor and the chain head.")

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
  }
}
