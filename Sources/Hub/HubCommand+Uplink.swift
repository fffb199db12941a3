import ArgumentParser
import Foundation
import RatingModel
import RecordChain

extension HubCommand {
  /// `uplink`: what the outbox to the province holds, and the operator's one action on it.
  struct Uplink: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "The ratings forwarded to the province: pending, sent, refused with the province's text.",
      subcommands: [Status.self, Show.self, Retry.self])

    /// `uplink status`: counts, the oldest unsent, every refusal and every rating held back.
    struct Status: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Counts by state, the age of the oldest unsent rating, refusals with their text.")
      @OptionGroup var database: DatabaseOption

      func run() async throws {
        let store = try await database.open()
        let summary = try await store.uplinkSummary()
        for state in OutboxState.allCases {
          print(
            "\(state.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0))\(summary.counts[state] ?? 0)"
          )
        }
        let now = UnixMilliseconds.now()
        if let oldest = summary.oldestUnsentMilliseconds {
          print("oldest unsent     \(max(0, now - oldest) / 1000) s (entered \(Uplink.time(oldest)))")
        } else {
          print("oldest unsent     none")
        }
        if summary.awaitingClock > 0 {
          print(
            "held for the time  \(summary.awaitingClock) pending, made while their pad's clock was unknown: sent once the hub establishes their time"
          )
        }
        for row in try await store.uplinkEntries(case: nil, states: [.refused]) {
          print("refused           \(row.caseNumber) (\(row.stage)): \(row.why)")
        }
        for row in try await store.uplinkEntries(case: nil, states: [.pending]) where !row.why.isEmpty {
          print("pending           \(row.caseNumber) (\(row.stage)), \(row.attempts) tries: \(row.why)")
        }
        let kept = try await store.uplinkEntries(case: nil, states: [.notForwardable])
        for (why, rows) in Dictionary(grouping: kept, by: \.why).sorted(by: { $0.key < $1.key }) {
          print("not forwardable   \(rows.count) × \(why)")
        }
      }
    }

    /// `uplink show CASE`: every record of a case on its way to the province.
    struct Show: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        abstract: "Where a case's ratings stand with the province.")
      @OptionGroup var database: DatabaseOption
      @Argument(help: "The case number (办件编号).") var caseNumber: String

      func run() async throws {
        let rows = try await database.open().uplinkEntries(case: caseNumber, states: [])
        guard !rows.isEmpty else { throw ValidationError("no rating of case '\(caseNumber)' is at this hub") }
        for row in rows {
          var line =
            "\(row.caseNumber) (\(row.stage)) device \(row.device) seq \(row.seq): \(row.state.rawValue)"
          if let id = row.provinceID { line += ", province id \(id)" }
          if let sent = row.sentMilliseconds { line += ", sent \(Uplink.time(sent))" }
          line += ", \(row.attempts) tries, entered \(Uplink.time(row.enqueuedMilliseconds))"
          if !row.why.isEmpty { line += ": \(row.why)" }
          print(line)
        }
      }
    }

    /// `uplink retry`: refused ratings sent again once resolved at the province; never an edit.
    struct Retry: AsyncParsableCommand {
      static let configuration = CommandConfiguration(
        abstract:
          "Send refused ratings again, unchanged, once the cause is resolved at the province (e.g. the case arrived late); kept in the audit log."
      )
      @OptionGroup var database: DatabaseOption
      @Argument(help: "The case number (办件编号); every refused rating with --all.") var caseNumber: String?
      @ArgumentParser.Flag(help: "Every refused rating.") var all = false
      @Option(help: "Why it may be sent again (kept in the audit log).") var reason: String
      @Option(help: "Who retries (default: the login name, or sudo's caller).") var by: String?

      func validate() throws {
        guard (caseNumber != nil) != all else { throw ValidationError("name one case, or say --all") }
        guard reason.trimmingCharacters(in: .whitespacesAndNewlines).count >= 4 else {
          throw ValidationError("--reason must say why the province will take it now")
        }
      }

      func run() async throws {
        let store = try await database.open()
        let entry = AuditEntry(
          actor: by ?? AuditEntry.operatorName, action: "uplink_retry", subject: caseNumber ?? "all refused",
          detail: reason)
        let count = try await store.retryRefused(case: caseNumber, audit: entry)
        guard count > 0 else {
          throw ValidationError("nothing refused to send again\(caseNumber.map { " for case \($0)" } ?? "")")
        }
        print("\(count) refused rating\(count == 1 ? "" : "s") to be sent again: \(entry.line)")
      }
    }

    /// A time in the halls' time, for people.
    static func time(_ milliseconds: Int64) -> String {
      ISOTime.format(milliseconds: milliseconds, offsetSeconds: Int32(CivilDate.utcOffsetSeconds))
    }
  }
}
