import ArgumentParser
import Foundation
import Logging
import RatingModel
import SyncProtocol

/// `ratingpad-hub bench report` (the default of `bench`): how long a city's report takes over a store of a million ratings.
///
/// The store is filled (once: a store already filled by the bench is reused) with synthetic,
/// unsigned records of `pads` pads through the store's own append path, spread over 2026; then a
/// month's report by window and by staff is timed. Only an empty database, or one the bench filled,
/// is accepted: the records are not real ratings.
struct ReportBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Fill a scratch database with a city's ratings (once) and time a month's report.")
  @OptionGroup var database: HubCommand.DatabaseOption
  @Option(help: "How many pads.") var pads: Int = 1000
  @Option(help: "Ratings per pad (1,000 per pad for 1,000 pads: a million).") var ratingsPerPad: Int = 1000
  @Option(help: "The month to report.") var month: String = "2026-11"

  func run() async throws {
    guard pads > 0, ratingsPerPad > 0 else {
      throw ValidationError("--pads and --ratings-per-pad must be positive")
    }
    let period: ReportPeriod
    do { period = try ReportPeriod.month(month) } catch { throw ValidationError(error.description) }
    let store = try await database.open()
    let wanted = try await BenchmarkFill(pads: pads, ratingsPerPad: ratingsPerPad).prepare(
      store, named: database.database)
    for dimension in [SatisfactionReport.Dimension.window, .staff] {
      var times: [Duration] = []
      var report: SatisfactionReport?
      for _ in 0..<5 {
        let start = ContinuousClock.now
        report = try await SatisfactionReport.make(from: store, by: dimension, period: period)
        times.append(ContinuousClock.now - start)
      }
      let ratings = report?.rows.reduce(0) { $0 + $1.total } ?? 0
      print(
        "report of \(month) by \(dimension.rawValue) over \(wanted) stored ratings: \(ratings) ratings in "
          + "\(report?.rows.count ?? 0) units, \(report?.bad.count ?? 0) bad; best \(times.min()!), worst \(times.max()!)"
          + "  [target < 2 s]")
    }
  }
}
