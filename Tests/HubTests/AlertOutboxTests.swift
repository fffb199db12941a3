import Foundation
import RatingModel
import SyncProtocol
import SyncTestSupport
import Testing

@testable import Hub

/// The alerts' outbox on both engines: admitted with the rating, once; only for the webhooks
/// configured when it was stored; leased by one holder at a time; failing after its tries.
@Suite struct AlertOutboxTests {
  static var databases: [String] {
    ["sqlite"] + (ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"].map { [$0] } ?? [])
  }

  @Test(arguments: databases)
  func badRatingsAreEnqueuedOncePerConfiguredWebhookAndLeasedByOneHolder(database: String) async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("hub-\(UUID()).sqlite").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let store =
      database == "sqlite"
      ? try SQLHubStore(sqlitePath: path) : try SQLHubStore(postgresURL: database, logger: quietLogger)
    try await store.prepare()
    // Names of its own: a PostgreSQL database is shared with other tests.
    let (a, b) = ("a-\(UUID().uuidString.prefix(8))", "b-\(UUID().uuidString.prefix(8))")
    let pad = try TestPad()
    try await store.enrol(pad.card, name: "window-\(UUID())")
    store.configureAlerts(webhooks: [a])
    let intake = HubIntake(store: store, logger: quietLogger)
    try pad.rate(5)
    let first = try await pad.sync.page(after: 0, limit: 100)
    // The same page twice at once: each bad rating enqueued once.
    async let x = intake.accept(first, from: pad.card.fingerprint)
    async let y = intake.accept(first, from: pad.card.fingerprint)
    _ = try await [x, y]
    func ours() async throws -> [AlertDeliveryRow] {
      try await store.alertDeliveries(limit: 10_000).filter { $0.device == pad.card.fingerprint }
    }
    #expect(try await ours().map(\.seq).sorted() == [4, 5])

    // A webhook added later gets only what is stored from then on.
    store.configureAlerts(webhooks: [a, b])
    try pad.rate(5, startingAt: 5)
    _ = try await intake.accept(try await pad.sync.page(after: 5, limit: 100), from: pad.card.fingerprint)
    let rows = try await ours()
    #expect(rows.filter { $0.webhook == a }.map(\.seq) == [10, 9, 5, 4], "newest first")
    #expect(rows.filter { $0.webhook == b }.map(\.seq) == [10, 9])
    #expect(
      rows.allSatisfy {
        $0.state == .pending && $0.attempts == 0 && ["dissatisfied", "very_dissatisfied"].contains($0.level)
      })

    // One holder leases them; another finds none while the lease runs.
    let now = AlertDeliverer.now()
    let leased = try await store.leaseAlerts(
      webhooks: [a, b], holder: "h1", now: now, until: now + 60_000, limit: 100)
    #expect(leased.count == 6)
    #expect(
      try await store.leaseAlerts(webhooks: [a, b], holder: "h2", now: now, until: now + 60_000, limit: 100)
        .isEmpty)
    let ten = try #require(leased.first { $0.seq == 10 && $0.webhook == a })
    #expect(
      ten.alert.level == "very_dissatisfied" && ten.alert.hall == "灵武市政务服务大厅"
        && ten.alert.staffNumber == "S0")
    #expect(ten.alert.transactionNumber == "BJ-2026-9" && ten.alert.time.hasSuffix("+08:00"))

    // Delivered ones are done; a retried one comes back at its time, failing after five tries.
    let retried = try #require(leased.first { $0.seq == 4 && $0.webhook == a })
    try await store.recordAlerts(
      leased.filter { !($0.seq == 4 && $0.webhook == a) }.map { ($0, .delivered(status: 200)) }, now: now)
    var at = now
    for attempt in 1...AlertDeliverer.failingAfter {
      let entry = try #require(
        try await store.leaseAlerts(webhooks: [a, b], holder: "h1", now: at, until: at + 60_000, limit: 100)
          .first)
      #expect(entry.seq == 4 && entry.attempts == attempt - 1)
      at += 1000
      try await store.recordAlerts([(retried, .retry(at: at, status: 503, why: "HTTP 503: busy"))], now: at)
      #expect(
        try await store.leaseAlerts(webhooks: [a, b], holder: "h2", now: at - 1, until: at, limit: 100)
          .isEmpty)
    }
    let four = try #require(try await ours().first { $0.seq == 4 && $0.webhook == a })
    #expect(
      four.state == .failing && four.attempts == 5 && four.lastStatus == 503
        && four.lastError == "HTTP 503: busy")
    let summary = try await store.alertSummary()
    #expect(summary.counts[a] == [.failing: 1, .delivered: 3] && summary.counts[b] == [.delivered: 2])
    // Still sent: failing is shown, never given up.
    #expect(
      try await store.leaseAlerts(webhooks: [a], holder: "h3", now: at, until: at + 1, limit: 1).count == 1)
  }
}
