import Foundation
import RatingModel

/// The alerts page: each configured webhook's deliveries by state and the latest alerts with how
/// their delivery went (tries, the last answer), within the user's scope. Not for staff.
struct AlertsPage: Sendable {
  let store: any HubStore

  /// Deliveries listed: the newest.
  static let listed = 200

  func values(for user: ConsoleUser) async throws -> [String: Any] {
    guard user.role != .staff else { throw ConsolePageError(ConsoleText.forbidden, status: .forbidden) }
    async let summary = store.alertSummary()
    async let deliveries = store.alertDeliveries(limit: Self.listed)
    let states = AlertDeliveryState.allCases
    let counts = try await summary
    let rows = try await deliveries.filter {
      user.actor.maySee(department: $0.department, staffNumber: $0.staffNumber)
    }
    return [
      "page": "alerts",
      "stateNames": states.map(\.label),
      "webhooks": counts.counts.keys.sorted().map { name in
        ["name": name, "counts": states.map { counts.counts[name]?[$0] ?? 0 }] as [String: Any]
      },
      "oldestText": counts.oldestUndeliveredMilliseconds.map {
        "\(ConsoleText.oldestUndelivered): \(ConsoleTime.minute($0))"
      } ?? ConsoleText.allDelivered,
      "rows": rows.map { row -> [String: Any] in
        let level = SatisfactionLevel(rawValue: row.level)
        let last = [row.lastStatus.map { "HTTP \($0)" }, row.lastError.isEmpty ? nil : row.lastError]
          .compactMap { $0 }.joined(separator: " ")
        return [
          "uuid": row.uuid, "webhook": row.webhook, "state": row.state.rawValue,
          "stateLabel": row.state.label,
          "time": ConsoleTime.minute(row.ratedMilliseconds), "place": "\(row.deviceName) · 窗口 \(row.window)",
          "staff": row.staffNumber, "level": level.map { FollowUpPages.text($0.label) } ?? row.level,
          "attempts": row.attempts,
          "last": row.deliveredMilliseconds.map { "\(ConsoleText.deliveredAt) \(ConsoleTime.minute($0))" }
            ?? last,
        ]
      },
      "webhooksLabel": ConsoleText.webhooks, "webhookLabel": ConsoleText.webhook,
      "noWebhooksLabel": ConsoleText.noWebhooks, "deliveriesLabel": ConsoleText.deliveries,
      "timeLabel": ConsoleText.time, "placeLabel": ConsoleText.place, "staffLabel": ConsoleText.staffNumber,
      "levelLabel": ConsoleText.level, "stateLabel": ConsoleText.state, "attemptsLabel": ConsoleText.attempts,
      "lastLabel": ConsoleText.lastAnswer,
    ]
  }
}
