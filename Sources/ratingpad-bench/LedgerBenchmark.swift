import Foundation
import Ledger
import RatingModel
import RecordChain

/// Measures what a rating costs the ledger on this machine's disk.
enum LedgerBenchmark {
  /// Commits `count` ratings one by one into a fresh ledger in `directory` and measures them.
  static func run(directory: String, count: Int) throws -> LedgerBenchmarkResult {
    let folder = directory + "/ratingpad-bench-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let key = try DeviceKey.loadOrCreate(path: folder + "/device.key")
    let store = try LedgerStore.open(path: folder + "/ledger.sqlite", deviceKey: key).store
    let clock = ContinuousClock()
    var latencies: [Duration] = []
    latencies.reserveCapacity(count)
    for index in 0..<count {
      let transaction = try Transaction(
        number: "BJ2026112500\(100_000 + index)", serviceItemCode: "11640181MB0001", serviceItemName: "户口迁移",
        staffNumber: "A1024", window: "7", department: "640181000")
      let entry = LedgerEntry(
        kind: .rating, promptID: UUID().uuidString.lowercased(), source: "counter", transaction: transaction,
        level: SatisfactionLevel.allCases[index % 5], channel: .windowPad)
      let start = clock.now
      try store.append(entry, at: .now())
      latencies.append(clock.now - start)
    }
    let size = try store.checkpointedSize()
    latencies.sort()
    func percentile(_ p: Double) -> Duration {
      latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
    }
    return LedgerBenchmarkResult(
      records: count, p50: percentile(0.50), p99: percentile(0.99),
      bytesPerRecord: Double(size) / Double(count))
  }
}

/// Figures from `LedgerBenchmark`.
struct LedgerBenchmarkResult: Sendable, CustomStringConvertible {
  /// How many ratings were committed.
  let records: Int
  /// Median commit latency.
  let p50: Duration
  /// 99th percentile commit latency.
  let p99: Duration
  /// Database bytes per record on disk.
  let bytesPerRecord: Double

  var description: String {
    func ms(_ duration: Duration) -> String {
      String(
        format: "%.3f ms",
        Double(duration.components.attoseconds) / 1e15 + Double(duration.components.seconds) * 1e3)
    }
    return """
      ledger commit latency (synchronous=FULL, \(records) ratings): p50 \(ms(p50)), p99 \(ms(p99))  [target p99 < 5 ms]
      ledger size: \(String(format: "%.1f", bytesPerRecord)) bytes per record  [target < 300]
      """
  }
}
