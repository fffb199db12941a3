import ArgumentParser
import Foundation
import HubLink
import Screen
import Touch

/// `ratingpad-bench`: speed and size figures, printed; targets live here, never in timed tests. Its
/// own executable, so none of it ships in the pad's binary.
@main
struct RatingpadBench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ratingpad-bench", abstract: "Measure and print ratingpad's performance figures.",
    subcommands: [LedgerBench.self, ScreenBench.self, TouchBench.self, SyncBench.self, HubBench.self])

  /// `ratingpad-bench ledger`.
  struct LedgerBench: ParsableCommand {
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

  /// `ratingpad-bench screen`.
  struct ScreenBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "screen",
      abstract:
        "Full redraw time of every screen at 1920x1080, and tap to flip request on the pre-drawn path, in memory."
    )

    @Option(help: "Redraws per screen.")
    var rounds: Int = 30

    @Option(help: "Taps to time on the pre-drawn path.")
    var taps: Int = 200

    func validate() throws {
      guard rounds >= 1, taps >= 1 else { throw ValidationError("--rounds and --taps must be at least 1") }
    }

    func run() throws {
      try ScreenBenchmark(rounds: rounds, taps: taps).run()
    }
  }

  /// `ratingpad-bench sync`.
  struct SyncBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "sync",
      abstract:
        "Pad-to-hub drain of buffered ratings, page-pull latency and the agent's peak RSS, on loopback.")

    @Option(help: "Buffered ratings to drain.")
    var count: Int = 100_000

    @Option(help: "Page pulls to time.")
    var pulls: Int = 200

    @Option(help: "Records per pulled page.")
    var pageSize: Int = 1000

    @Option(help: "Records per pushed batch (the agent's default unless given).")
    var batchSize: Int = PushSettings.defaultBatchSize

    @Option(help: "The ratingpad-hub executable (default: beside this one).")
    var hub: String?

    @Option(help: "The ratingpad executable (default: beside this one).")
    var agent: String?

    func validate() throws {
      guard count >= pageSize, pageSize >= 1, pulls >= 1, batchSize >= 1 else {
        throw ValidationError("--count must be at least --page-size, and every figure at least 1")
      }
    }

    func run() throws {
      try SyncBenchmark(
        count: count, pulls: pulls, pageSize: pageSize, batchSize: batchSize,
        hubExecutable: try hub ?? BenchExecutable.beside("ratingpad-hub"),
        agentExecutable: try agent ?? BenchExecutable.beside("ratingpad")
      ).run()
    }
  }

  /// `ratingpad-bench hub`.
  struct HubBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "hub",
      abstract: "A city's pads pushing at once into one ratingpad-hub: records/s and push latency.")

    @Option(help: "Pads pushing at once.") var pads: Int = 1000
    @Option(help: "Buffered ratings per pad.") var ratingsPerPad: Int = 100
    @Option(help: "Records per pushed page.") var pageSize: Int = 50
    @Option(help: "Connections to the hub at most.") var connections: Int = 64
    @Option(help: "The hub's database: a SQLite path (default: a scratch file) or a scratch postgres://…")
    var database: String?
    @Option(help: "The ratingpad-hub executable (default: beside this one).") var hub: String?

    func validate() throws {
      guard pads >= 1, ratingsPerPad >= 1, pageSize >= 1, connections >= 1 else {
        throw ValidationError("every figure must be at least 1")
      }
    }

    func run() throws {
      try CityPushBenchmark(
        pads: pads, ratingsPerPad: ratingsPerPad, pageSize: pageSize, connections: connections,
        database: database,
        hubExecutable: try hub ?? BenchExecutable.beside("ratingpad-hub")
      ).run()
    }
  }

  /// `ratingpad-bench touch`.
  struct TouchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "touch", abstract: "Time from an evdev frame to a tap decision.")

    @Option(help: "Taps to decode.")
    var taps: Int = 20000

    func run() {
      let range = AxisRange(minimum: 0, maximum: 32767)
      var decoder = ContactDecoder(x: range, y: range)
      var recognizer = TapRecognizer<Int>()
      let clock = ContinuousClock()
      var times: [Duration] = []
      for index in 0..<taps {
        let t = UInt64(index) * 500_000_000
        let down = [
          InputEvent(type: 3, code: 0, value: Int32(index % 32767)),
          InputEvent(type: 3, code: 1, value: 1000),
          InputEvent(type: 1, code: 0x14a, value: 1), InputEvent(type: 0, code: 0, value: 0, time: t),
        ]
        let up = [
          InputEvent(type: 1, code: 0x14a, value: 0),
          InputEvent(type: 0, code: 0, value: 0, time: t + 50_000_000),
        ]
        for frame in [down, up] {
          let start = clock.now
          for event in frame {
            if let decoded = decoder.feed(event) {
              _ = recognizer.feed(decoded) { x, _ in Int(x * 5) }
            }
          }
          times.append(clock.now - start)
        }
      }
      print("evdev frame to tap decision: \(Percentiles(times))  [target p99 < 50 µs]")
    }
  }
}

/// p50 and p99 of a set of durations, printed in the unit that reads best.
struct Percentiles: CustomStringConvertible {
  let p50: Duration
  let p99: Duration

  init(_ durations: [Duration]) {
    let sorted = durations.sorted()
    p50 = sorted[sorted.count / 2]
    p99 = sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
  }

  var description: String {
    func text(_ d: Duration) -> String {
      let micros = Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
      return micros >= 1000 ? String(format: "%.2f ms", micros / 1000) : String(format: "%.1f µs", micros)
    }
    return "p50 \(text(p50)), p99 \(text(p99))"
  }
}
