import ArgumentParser
import Foundation
import Ledger

/// `ratingpad bench`: speed and size figures, printed; targets live here, never in timed tests.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench", abstract: "Measure and print performance figures.", subcommands: [Ledger.self])

  /// `ratingpad bench ledger`.
  struct Ledger: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ledger",
      abstract: "Commit latency with synchronous=FULL and bytes per record on this disk.")

    @Option(help: "Records to commit.")
    var count: Int = 2000

    @Option(help: "Directory on the disk to measure (a temporary ledger is made and removed there).")
    var directory: String = FileManager.default.temporaryDirectory.path

    func run() throws {
      let result = try LedgerBenchmark.run(directory: directory, count: count)
      print(result.description)
    }
  }
}
