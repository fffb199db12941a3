import ArgumentParser
import Ledger

/// `ratingpad verify`: checks every record's sequence, hash and signature.
struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check the ledger's hash chain and signatures; name the first bad record.")

  @OptionGroup var options: ConfigurationOption

  func run() throws {
    let configuration = try options.load()
    let key = try DeviceKey.load(path: configuration.paths.deviceKey)
    let store = try LedgerStore.openForReading(path: configuration.paths.ledger)
    let report = try store.verify(publicKey: key.publicKey)
    print(report.description)
    if !report.isIntact { throw ExitCode(2) }
  }
}
