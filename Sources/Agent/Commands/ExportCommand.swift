import ArgumentParser
import Foundation
import Ledger

/// `ratingpad export`: the ledger as CSV or JSON, for a technician with a USB stick.
struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export", abstract: "Write every record of the ledger as CSV or JSON.")

  /// The export formats.
  enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

  @OptionGroup var options: ConfigurationOption

  @Option(help: "csv or json.")
  var format: Format = .csv

  @Option(help: "Write to this file instead of standard output.")
  var out: String?

  func run() throws {
    let configuration = try options.load()
    let store = try LedgerStore.openForReading(path: configuration.paths.ledger)
    let records = try store.allRecords()
    let text = format == .csv ? LedgerExport.csv(records) : try LedgerExport.json(records)
    if let out {
      try text.write(toFile: out, atomically: true, encoding: .utf8)
    } else {
      print(text, terminator: "")
    }
  }
}
