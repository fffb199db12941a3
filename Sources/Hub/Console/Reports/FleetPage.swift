import Foundation
import RatingModel
import SyncProtocol

/// The fleet page: every enrolled pad's contact, backlog, chain, software, clock and last fault,
/// and the outbox to the province with its refusals. Operators act from it: admins clear a flag,
/// admins and supervisors send refused ratings again; each action is audited by the store.
struct FleetPage: Sendable {
  let store: any HubStore
  /// A pad is online when heard from within this many milliseconds: three pull intervals, but
  /// never less than two minutes (a pad that only pushes is heard from when it has something).
  let onlineWithin: Int64

  /// Refused entries listed (each has a retry button); pending ones listed, oldest first.
  static let refusedListed = 500
  static let pendingListed = 50

  /// The province forwarded to (`[uplink]`), or nil: the outbox fills and waits for one.
  let province: String?

  init(store: any HubStore, pullInterval: Duration, province: String? = nil) {
    self.store = store
    self.province = province
    let pull = pullInterval.components
    onlineWithin = max(120_000, 3 * (pull.seconds * 1000 + pull.attoseconds / 1_000_000_000_000_000))
  }

  /// Whether `user` may send refused ratings again.
  static func mayRetry(_ user: ConsoleUser) -> Bool { user.role == .admin || user.role == .supervisor }
  /// Whether `user` may clear a device's flag.
  static func mayClearFlags(_ user: ConsoleUser) -> Bool { user.role == .admin }

  /// The page's values for `user` (never staff: the route refuses them).
  func values(user: ConsoleUser, csrf: String, now: Int64) async throws -> [String: Any] {
    let devices = try await store.devices()
    let conditions = try await store.deviceConditions()
    let names = Dictionary(devices.map { ($0.fingerprint, $0.name) }, uniquingKeysWith: { first, _ in first })
    let pads = devices.map { device in
      pad(device, condition: conditions[device.fingerprint] ?? DeviceCondition(), user: user, now: now)
    }
    let summary = try await store.uplinkSummary()
    let refused = try await store.uplinkEntries(in: .refused, limit: Self.refusedListed)
    let pending = try await store.uplinkEntries(in: .pending, limit: Self.pendingListed)
    func entry(_ row: OutboxRow) -> [String: Any] {
      [
        "case": row.caseNumber, "stage": row.stage,
        "device": names[row.device] ?? String(row.device.prefix(8)),
        "seq": row.seq, "why": row.why, "attempts": row.attempts,
        "entered": ConsoleTime.minute(row.enqueuedMilliseconds),
        "retryAction": "/fleet/uplink/\(FleetPage.pathSegment(row.caseNumber))/retry",
      ]
    }
    var values: [String: Any] = [
      "pads": pads, "padCount": devices.count,
      "onlineCount": pads.filter { $0["online"] as? Bool == true }.count,
      "states": OutboxState.allCases.map {
        ["label": ConsoleText.outboxState($0), "count": summary.counts[$0] ?? 0] as [String: Any]
      },
      "oldest": summary.oldestUnsentMilliseconds.map(ConsoleTime.minute) ?? "-",
      "awaitingClock": summary.awaitingClock, "refused": refused.map(entry), "pending": pending.map(entry),
      "canRetry": Self.mayRetry(user), "csrf": csrf, "onlineMinutes": onlineWithin / 60_000,
      "uplinkTo": province.map { "\(ConsoleText.forwardingTo): \($0)" } ?? ConsoleText.noUplink,
    ]
    values.merge(ConsoleText.fleetLabels) { mine, _ in mine }
    return values
  }

  private func pad(_ device: EnrolledDevice, condition: DeviceCondition, user: ConsoleUser, now: Int64)
    -> [String: Any]
  {
    let online = device.lastContactMilliseconds.map { now - $0 <= onlineWithin } ?? false
    let flagged = device.problem != nil || device.impostor != nil
    return [
      "name": device.name, "fingerprint": device.fingerprint, "hall": device.card.hall.nonEmpty ?? "-",
      "window": device.card.window.nonEmpty ?? "-",
      "contact": device.lastContactMilliseconds.map(ConsoleTime.minute) ?? ConsoleText.never,
      "online": online, "state": online ? ConsoleText.online : ConsoleText.offline,
      "backlog": device.backlog.map(String.init) ?? "-", "seq": device.lastSeq,
      "problem": ConsoleTemplates.optional(device.problem),
      "handedOverTo": ConsoleTemplates.optional(device.handedOverTo),
      "impostor": ConsoleTemplates.optional(device.impostor), "flagged": flagged,
      "software": device.card.software.nonEmpty ?? "-",
      "channel": device.card.channel.isEmpty ? "-" : "\(device.card.channel) (\(device.card.channelCode))",
      "clock": ConsoleText.clock(condition),
      "fault": ConsoleTemplates.optional(
        condition.lastFault.map { fault in
          fault + (condition.lastFaultMilliseconds.map { " · " + ConsoleTime.minute($0) } ?? "")
        }),
      "canClear": flagged && Self.mayClearFlags(user),
      "clearAction": "/fleet/devices/\(device.fingerprint)/clear-flag",
    ]
  }

  /// A value as one path segment.
  static func pathSegment(_ value: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-_.~")
    return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
  }
}

extension AuditEntry {
  /// The audit line of a flag cleared: who, which device, why, and what the flag said.
  static func clearingFlag(of device: EnrolledDevice, by actor: String, reason: String) -> AuditEntry {
    let before = [device.problem.map { "flag: \($0)" }, device.impostor.map { "impostor: \($0)" }]
      .compactMap { $0 }.joined(separator: "; ")
    return AuditEntry(
      actor: actor, action: "clear_flag", subject: "\(device.name) \(device.fingerprint)",
      detail: "\(reason) (was \(before))")
  }
}
