import SyncProtocol

/// The hub's outbox of bad-rating alerts: one row per bad rating and configured webhook, written
/// in the transaction that stores the rating (`SQLHubStore.append`), so an alert is never lost
/// nor enqueued twice; deliverers lease due rows, so hub instances sharing a database send each
/// once, and record every answer.
///
/// Only the webhooks configured when a rating is stored get it: a webhook added later is not sent
/// the bad ratings stored before it (an alert is news; the console lists the old ones), and a
/// webhook removed keeps its rows, no longer sent, in the status.
public protocol AlertOutbox: Sendable {
  /// Names the webhooks this instance is configured with: bad ratings stored from now on are
  /// enqueued for each of them.
  func configureAlerts(webhooks: [String])
  /// Leases up to `limit` due rows of `webhooks` for `holder` until `until` (milliseconds): not
  /// delivered, due, not leased by another holder; oldest first.
  func leaseAlerts(webhooks: [String], holder: String, now: Int64, until: Int64, limit: Int) async throws
    -> [AlertDeliveryEntry]
  /// Records what became of leased rows, and releases them.
  func recordAlerts(_ outcomes: [(entry: AlertDeliveryEntry, outcome: AlertOutcome)], now: Int64) async throws
  /// The newest `limit` deliveries (by when they were enqueued), with what the rating was.
  func alertDeliveries(limit: Int) async throws -> [AlertDeliveryRow]
  /// Counts by webhook and state, and the oldest undelivered alert.
  func alertSummary() async throws -> AlertSummary
}

/// A leased delivery: the rating as stored and what the deliverer needs to announce it.
public struct AlertDeliveryEntry: Sendable {
  public let device: String
  public let seq: Int64
  public let webhook: String
  /// Tries so far (all failed: it is not delivered).
  public let attempts: Int
  /// The alert, as of the lease (with the reasons stored by then).
  public let alert: BadRatingAlert
}

/// What became of one leased delivery.
public enum AlertOutcome: Sendable, Equatable {
  /// The webhook took it; `status` is the HTTP status.
  case delivered(status: Int)
  /// Send again at `at` (milliseconds); the status when there was an answer, and why.
  case retry(at: Int64, status: Int?, why: String)
}

/// One delivery as operators (and the console's `/alerts` page) see it.
public struct AlertDeliveryRow: Sendable, Equatable {
  public let device: String
  public let seq: Int64
  public let webhook: String
  public let state: AlertDeliveryState
  /// Tries, the delivering one included; the last answer's HTTP status (nil when none came); the
  /// last failure's text (empty when none failed, kept once delivered).
  public let attempts: Int
  public let lastStatus: Int?
  public let lastError: String
  public let enqueuedMilliseconds: Int64
  public let nextAttemptMilliseconds: Int64
  public let deliveredMilliseconds: Int64?
  /// The rating: its uuid, level, time (the hub's), and where it was made.
  public let uuid: String
  public let level: String
  public let ratedMilliseconds: Int64
  public let deviceName: String
  public let window: String
  public let staffNumber: String
  public let department: String
}

/// The alerts at a glance.
public struct AlertSummary: Sendable, Equatable {
  /// Deliveries by webhook name and state.
  public var counts: [String: [AlertDeliveryState: Int]]
  /// When the oldest alert not yet delivered was enqueued, if any.
  public var oldestUndeliveredMilliseconds: Int64?
}
