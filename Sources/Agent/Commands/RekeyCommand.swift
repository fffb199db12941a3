import ArgumentParser
import Ledger
import SyncProtocol

/// `ratingpad rekey`: replaces a lost device key on purpose. The agent refuses to sign a ledger
/// that has records with a key other than theirs (E-DEVICE-KEY); this is the documented way on.
struct RekeyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rekey",
    abstract:
      "Replace a lost device key: set the old ledger aside, start a new one with a new key (enrol the pad again)."
  )

  @OptionGroup var options: ConfigurationOption

  func run() throws {
    let configuration = try options.load()
    let paths = configuration.paths
    let done: Rekeying
    do { done = try LedgerStore.rekey(path: paths.ledger, keyPath: paths.deviceKey) } catch {
      throw ValidationError("\(error)")
    }
    say("rekeyed      \(paths.deviceKey): new key \(done.key.publicKey.fingerprint)")
    say("old ledger   kept as \(done.setAside), with its records and their signatures")
    say("ledger       \(paths.ledger): ledger_reset recorded as seq \(done.record.seq)")
    let enrolment = EnrolmentCode(deviceID: configuration.device.deviceID, key: done.key.publicKey)
    say("enrolment    \(enrolment.text)")
    say("enrol the pad at the hub again with this code (ratingpad-hub enrol --code …)")
  }
}
