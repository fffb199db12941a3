import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import SyncProtocol

/// Sends every bad rating's alert to the configured webhooks: leases due deliveries, POSTs each in
/// its webhook's form, and records the answer; a failure is sent again after a backoff with
/// jitter, for ever. Runs in each hub instance; the leases keep instances from sending one alert
/// at the same time.
actor AlertDeliverer {
  let outbox: any AlertOutbox
  let webhooks: [String: WebhookConfiguration]
  /// A client of its own (`client()`), shut down when `run` ends.
  let http: HTTPClient
  let holder: String
  /// Woken when this instance stores a bad rating; another instance's are found within `idle`.
  let wake: WakeSignal
  let logger: Logger
  /// How long to wait after a failed try: 2 s at first, doubling, at most 10 minutes, times a
  /// random 0.5…1 so webhooks down together are not all tried again in the same instant.
  let backoff = Backoff(base: .seconds(2), cap: .seconds(600))
  /// How often to look for due deliveries when nothing is happening.
  let idle: Duration
  /// The most deliveries a round leases, and sends at once.
  let batch = 16
  /// The most bytes of an answer read (the rest is dropped): a receiver cannot flood the hub.
  static let replyLimit = 64 * 1024
  /// Failed tries after which a delivery shows as failing (it is still sent again).
  static let failingAfter = 5
  /// The console's address as people reach it (`[console] url`), for each alert's follow-up link.
  private let consoleURL: String?
  /// The last problem reading the outbox, logged once until it clears.
  private var lastProblem: String?

  init(
    outbox: any AlertOutbox, webhooks: [WebhookConfiguration], holder: String, wake: WakeSignal,
    logger: Logger, idle: Duration = .seconds(1), consoleURL: String? = nil
  ) {
    self.consoleURL = consoleURL
    self.outbox = outbox
    self.webhooks = Dictionary(webhooks.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    self.http = Self.client()
    self.holder = holder
    self.wake = wake
    self.logger = logger
    self.idle = idle
  }

  /// The deliverer's client: no redirects (a 3xx is no delivery, and the token goes nowhere else),
  /// no decompression (an answer is read raw, at most `replyLimit`), the system's roots for https.
  static func client() -> HTTPClient {
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    configuration.decompression = .disabled
    configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  /// Delivers until cancelled.
  func run() async {
    while !Task.isCancelled {
      do {
        let handled = try await deliverOnce()
        if lastProblem != nil { logger.notice("alerts: the outbox is readable again") }
        lastProblem = nil
        if handled == 0 { await wake.wait(upTo: idle) }
      } catch {
        let problem = "\(error)"
        if problem != lastProblem { logger.error("alerts: \(problem)") }
        lastProblem = problem
        try? await Task.sleep(for: .seconds(2))
      }
    }
    try? await http.shutdown()
  }

  /// One round: leases what is due, sends each, records the answers. Returns how many it handled.
  func deliverOnce() async throws -> Int {
    let now = Self.now()
    // A lease outlives the longest request, so an answer slow to come is never sent again meanwhile.
    let longest = webhooks.values.map(\.timeout).max() ?? .seconds(10)
    let lease = Int64(longest.components.seconds) * 2000 + 10_000
    let entries = try await outbox.leaseAlerts(
      webhooks: webhooks.keys.sorted(), holder: holder, now: now, until: now + lease, limit: batch)
    guard !entries.isEmpty else { return 0 }
    // Each answer is recorded as it comes: a slow webhook holds back no other's, and a hub that
    // dies meanwhile sends again only what had no answer yet.
    let problem = await withTaskGroup(of: (entry: AlertDeliveryEntry, outcome: AlertOutcome).self) { group in
      for entry in entries {
        group.addTask { [self] in (entry, await send(entry)) }
      }
      var problem: (any Error)?
      for await result in group {
        if case .retry(_, _, let why) = result.outcome, result.entry.attempts + 1 == Self.failingAfter {
          logger.warning(
            "alerts: webhook \(result.entry.webhook) failing after \(Self.failingAfter) tries: \(why)")
        }
        // If this fails, the lease runs out and the alert is sent again: at least once, never lost.
        do { try await outbox.recordAlerts([result], now: Self.now()) } catch { problem = error }
      }
      return problem
    }
    if let problem { throw problem }
    return entries.count
  }

  /// One POST of `entry`'s alert, and what it came to; nothing the receiver does can throw past here.
  private nonisolated func send(_ entry: AlertDeliveryEntry) async -> AlertOutcome {
    guard let webhook = webhooks[entry.webhook] else {
      return retry(entry, status: nil, why: "webhook \(entry.webhook) is not configured at this instance")
    }
    var request = HTTPClientRequest(url: webhook.url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
    request.headers.add(name: "User-Agent", value: "ratingpad-hub")
    // Which hub instance sent it, for the hall's own receiver when several share a database (never
    // to a robot: the host's name is no business of a chat platform's).
    if webhook.format == .json { request.headers.add(name: "X-Ratingpad-Instance", value: holder) }
    if let token = webhook.token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
    var alert = entry.alert
    if let consoleURL { alert.consoleURL = "\(consoleURL)/followups/\(alert.uuid)" }
    request.body = .bytes(ByteBuffer(bytes: webhook.format.body(alert)))
    let prepared = request
    do {
      // The whole exchange, answer included, within the timeout: a receiver trickling its answer
      // holds a delivery no longer than one that never answers.
      let (status, reply) = try await Self.within(webhook.timeout) { [http] in
        let response = try await http.execute(
          prepared, timeout: .seconds(Int64(webhook.timeout.components.seconds)))
        var reply: [UInt8] = []
        // At most `replyLimit` bytes: leaving the loop drops the rest (the request is cancelled).
        for try await chunk in response.body {
          reply += chunk.readableBytesView.prefix(Self.replyLimit - reply.count)
          if reply.count >= Self.replyLimit { break }
        }
        return (Int(response.status.code), reply)
      }
      guard (200..<300).contains(status) else {
        return retry(entry, status: status, why: "HTTP \(status): \(WebhookFormat.excerpt(reply))")
      }
      if let problem = webhook.format.problem(acceptedReply: reply) {
        return retry(entry, status: status, why: problem)
      }
      return .delivered(status: status)
    } catch {
      return retry(entry, status: nil, why: Self.describe(error))
    }
  }

  /// `operation`'s result, or `NoAnswerInTime` once `limit` has passed (the operation is cancelled).
  private static func within<T: Sendable>(
    _ limit: Duration, _ operation: @escaping @Sendable () async throws -> T
  ) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
      group.addTask { try await operation() }
      group.addTask {
        try await Task.sleep(for: limit)
        return nil
      }
      defer { group.cancelAll() }
      guard let first = try await group.next(), let result = first else { throw NoAnswerInTime(limit: limit) }
      return result
    }
  }

  /// A webhook that did not answer, whole, within its timeout.
  struct NoAnswerInTime: Error, CustomStringConvertible {
    let limit: Duration
    var description: String { "no whole answer within \(limit.components.seconds) s" }
  }

  private nonisolated func retry(_ entry: AlertDeliveryEntry, status: Int?, why: String) -> AlertOutcome {
    let delay = backoff.delay(afterFailures: entry.attempts + 1, unit: Double.random(in: 0.5..<1))
    let milliseconds =
      Int64(delay.components.seconds) * 1000 + Int64(delay.components.attoseconds / 1_000_000_000_000_000)
    return .retry(at: Self.now() + milliseconds, status: status, why: why)
  }

  /// An error for the status, without the webhook's URL (it may carry the robot's key).
  private static func describe(_ error: any Error) -> String {
    if let client = error as? HTTPClientError {
      if client == .deadlineExceeded || client == .readTimeout || client == .connectTimeout {
        return "no answer in time (\(client))"
      }
      return "\(client)"
    }
    return String("\(error)".prefix(300))
  }

  static func now() -> Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }
}
