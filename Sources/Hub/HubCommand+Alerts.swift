import ArgumentParser
import Foundation
import RatingModel
import RecordChain

extension HubCommand {
  /// `alerts`: the bad-rating alerts sent to webhooks, and where each stands.
  struct Alerts: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "差评提醒 Bad-rating alerts to webhooks: delivered, pending, failing with the last error.",
      subcommands: [Status.self])

    /// `alerts status`: counts by webhook and state, then the newest deliveries.
    struct Status: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Counts by webhook and state, the oldest undelivered alert, the newest deliveries.")
      @OptionGroup var database: DatabaseOption
      @Option(help: "How many of the newest deliveries to list (0…10000).") var limit = 20

      func validate() throws {
        guard (0...10_000).contains(limit) else { throw ValidationError("--limit must be 0…10000") }
      }

      func run() async throws {
        let store = try await database.open()
        let summary = try await store.alertSummary()
        if summary.counts.isEmpty { print("no alerts 尚无差评提醒") }
        for (webhook, counts) in summary.counts.sorted(by: { $0.key < $1.key }) {
          let states = AlertDeliveryState.allCases.map { "\($0.label) \(counts[$0] ?? 0)" }
          print("webhook \(webhook)\t" + states.joined(separator: "\t"))
        }
        let now = UnixMilliseconds.now()
        if let oldest = summary.oldestUndeliveredMilliseconds {
          print(
            "oldest undelivered 最早未送达  \(max(0, now - oldest) / 1000) s (enqueued \(Uplink.time(oldest)))")
        }
        for row in try await store.alertDeliveries(limit: limit) {
          var line =
            "\(row.webhook)\t\(row.state.rawValue)\t\(row.uuid)\t\(row.deviceName) window \(row.window) staff \(row.staffNumber)\t\(row.level)\trated \(Uplink.time(row.ratedMilliseconds))\t\(row.attempts) tries"
          if let delivered = row.deliveredMilliseconds {
            line +=
              "\tdelivered \(Uplink.time(delivered)) (\(max(0, delivered - row.enqueuedMilliseconds)) ms after storing)"
          } else {
            line += "\tnext try \(Uplink.time(row.nextAttemptMilliseconds))"
          }
          if let status = row.lastStatus { line += "\tlast status \(status)" }
          if !row.lastError.isEmpty { line += "\tlast error: \(row.lastError)" }
          print(line)
        }
      }
    }
  }
}
