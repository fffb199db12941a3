import Foundation
import Ledger
import RatingModel
import RecordChain
import SyncTestSupport

@testable import Hub

/// A pad, a webhook receiver, and a hub configuration pulling the pad with two webhooks.
struct AlertSetup {
  let pad: TestPad
  let receiver: WebhookReceiver
  /// Added to the webhooks' names (a database shared with other tests needs its own).
  let suffix: String
  var directory: String { pad.directory }
  var database: String { directory + "/hub.sqlite" }

  init(suffix: String = "") async throws {
    self.suffix = suffix
    pad = try TestPad()
    try await pad.serve()
    receiver = try await WebhookReceiver(answers: ["/json": .ok, "/wecom": .robotOK])
    // Written once: a hub starting while another's configuration is written must never find a
    // secret file rewritten under it (made with the usual mode, then made owner-only).
    try Self.writeSecret("hub-secret-0123456789", to: directory + "/hub.token")
    try Self.writeSecret("json-hook-token-0123", to: directory + "/hook.token")
  }

  /// Ratings `indexes` (levels in turn, as `TestPad.rating`), each 非常不满意 followed in the same
  /// page by its reasons.
  @discardableResult
  func rate(_ indexes: Range<Int>) throws -> [LedgerRecord] {
    var entries: [LedgerEntry] = []
    for index in indexes {
      entries.append(TestPad.rating(index))
      if SatisfactionLevel.allCases[index % 5] == .veryDissatisfied {
        entries.append(
          LedgerEntry(
            kind: .reasons, promptID: "prompt-\(index)", level: .veryDissatisfied, reasons: ["115"],
            checklistVersion: "national-2"))
      }
    }
    return try pad.writer.append(entries, at: .now(clockKnown: true))
  }

  func hubConfiguration(database: String? = nil) throws -> String {
    let (token, hookToken) = (directory + "/hub.token", directory + "/hook.token")
    let text = """
      listen = "127.0.0.1:0"
      database = "\(database ?? self.database)"
      pull_interval_seconds = 1
      [[pad]]
      name = "window-3\(suffix)"
      url = "\(pad.base)"
      token_file = "\(token)"
      fingerprint = "\(pad.card.fingerprint)"
      [[webhook]]
      name = "hall-json\(suffix)"
      url = "\(receiver.base)/json"
      token_file = "\(hookToken)"
      timeout_seconds = 3
      [[webhook]]
      name = "duty-wecom\(suffix)"
      url = "\(receiver.base)/wecom"
      format = "wecom"
      timeout_seconds = 3

      """
    let path = directory + "/hub-\(UUID().uuidString.prefix(6)).toml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func startHub(name: String = "hub", database: String? = nil) throws -> HubProcess {
    try HubProcess(config: try hubConfiguration(database: database), directory: directory, name: name)
  }

  /// Waits for `condition`; when it does not come, the error carries the hub's log and the deliveries.
  func waiting(
    for hub: HubProcess, within limit: Duration = .seconds(60), _ what: String,
    _ condition: () async throws -> Bool
  ) async throws {
    do { try await eventually(within: limit, what) { (try? await condition()) ?? false } } catch {
      let rows = (try? await store().alertDeliveries(limit: 50))?.map {
        "\($0.webhook) \($0.seq) \($0.state) \($0.attempts) \($0.lastError)"
      }
      throw TimedOut(what: "\(what)\n--- hub\n\(hub.logText.suffix(3000))\n--- deliveries\n\(rows ?? [])")
    }
  }

  func store() throws -> SQLHubStore { try SQLHubStore(sqlitePath: database) }

  func stop() { receiver.stop() }

  private static func writeSecret(_ value: String, to path: String) throws {
    try (value + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
  }
}
