import ArgumentParser

/// `ratingpad-hub bench`: the hub's benchmarks, each on a scratch database it fills itself.
struct HubBenchmark: AsyncParsableCommand {
  // `report` stays the default, so `ratingpad-hub bench --database X` means what it always did.
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Benchmarks on a scratch database: a month's report, or forwarding to the province.",
    subcommands: [ReportBenchmark.self, UplinkBenchmark.self, ConsoleBenchmark.self],
    defaultSubcommand: ReportBenchmark.self)
}
