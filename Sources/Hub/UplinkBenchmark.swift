import ArgumentParser
import AsyncHTTPClient
import Foundation
import Glibc
import Logging
import ProvinceInterface
import SyncProtocol

/// `ratingpad-hub bench uplink`: how many ratings a second the hub forwards to the province of
/// its `[uplink]`, on a backlog.
///
/// A scratch database is filled with `backlog` unsigned ratings of distinct cases through the
/// store's append path (so each enters the outbox as storing does), all good and with a known
/// clock, so none waits for reasons or a time; then the real forwarder sends the outbox, round by
/// round as `serve` does, until it is empty. Meant for a province simulator (Tests/province).
struct UplinkBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "uplink",
    abstract: "Fill a scratch database with a backlog of ratings and time forwarding it to the province.")
  @OptionGroup var database: HubCommand.DatabaseOption
  @Option(help: "The hub's configuration: its [uplink] (profile, url, settings, secrets) is used.")
  var config: String
  @Option(help: "Ratings in the backlog, each of its own case.") var backlog: Int = 100_000
  @Flag(
    help:
      "Lift the profile's rate and send --concurrency requests at once: the hub's own pace (simulators only)."
  )
  var unlimitedRate = false
  @Option(help: "Requests at once with --unlimited-rate.") var concurrency: Int = 4

  func run() async throws {
    guard backlog > 0, (1...64).contains(concurrency) else {
      throw ValidationError("--backlog must be positive and --concurrency 1 to 64")
    }
    let hub: HubConfiguration
    do { hub = try HubConfiguration.load(path: config) } catch { throw ValidationError(error.description) }
    guard var uplink = hub.uplink else {
      throw ValidationError("\(config) has no [uplink]: nothing to forward to")
    }
    let store = try await database.open()
    if try await store.devices().contains(where: { !$0.name.hasPrefix(Self.prefix) }) {
      throw ValidationError("\(database.database) holds real pads: the bench fills only a scratch database")
    }
    guard try await store.count() == 0 else {
      throw ValidationError("\(database.database) is not empty: the bench forwards only a backlog it made")
    }
    let filling = ContinuousClock.now
    try await fill(store)
    Self.say("filled \(backlog) ratings of \(backlog) cases in \(ContinuousClock.now - filling)")

    let stated = uplink.profile
    if unlimitedRate { uplink.profile = stated.unlimited(concurrency: concurrency) }
    var logger = Logger(label: "ratingpad-hub")
    logger.logLevel = .warning
    // As `serve` does: a client of its own when the province's certificate has a CA of its own.
    let ownClient = uplink.certificateAuthority.map(HubService.pullClient(trusting:))
    let forwarder = UplinkForwarder(
      outbox: store,
      client: ProvinceClient(
        profile: uplink.profile, connection: uplink.connection, http: ownClient ?? HTTPClient.shared,
        logger: logger),
      configuration: uplink, caseValues: { _ in Self.caseValues }, forwarded: { _ in }, holder: "bench",
      wake: WakeSignal(), metrics: UplinkMetrics(), logger: logger)
    let limit = stated.ratePerSecond * stated.batch
    Self.say(
      "profile \(stated.name): batch \(stated.batch), rate limit \(stated.ratePerSecond) requests/s "
        + "(\(limit) ratings/s), concurrency \(stated.concurrency); sending to \(uplink.connection.baseURL) "
        + (unlimitedRate
          ? "with the rate lifted, \(concurrency) requests at once  [unlimited: the hub's and the province's pace]"
          : "as the profile says  [profile-limited]"))

    let cpu = Self.processorSeconds()
    let start = ContinuousClock.now
    var requests = 0
    while true {
      let handled = try await forwarder.forwardOnce()
      if handled > 0 {
        // One request a batch of what the round leased (a refused batch, sent again one by one, adds).
        requests += (handled + stated.batch - 1) / stated.batch
        continue
      }
      let pending = try await store.uplinkEntries(case: nil, states: [.pending])
      if pending.isEmpty { break }
      if let stuck = pending.first(where: { $0.why.hasPrefix("waiting") }) {
        throw ValidationError("case \(stuck.caseNumber) cannot be written for \(stated.name): \(stuck.why)")
      }
      // Sends that failed wait out their backoff.
      try await Task.sleep(for: .milliseconds(100))
    }
    let elapsed = ContinuousClock.now - start
    try? await ownClient?.shutdown()
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let used = Self.processorSeconds() - cpu
    let summary = try await store.uplinkSummary()
    let sent = summary.counts[.sent] ?? 0
    Self.say(
      String(
        format: "forwarded %d ratings in %.1f s: %.0f ratings/s; %d requests of up to %d; refused %d",
        sent, seconds, Double(sent) / seconds, requests, stated.batch, summary.counts[.refused] ?? 0)
        + (unlimitedRate ? "  [unlimited]" : "  [profile-limited: at most \(limit) ratings/s]"))
    // Far less than a core while the wall clock ran: the hub waited, on the rate or the province.
    let share = 100 * used / seconds
    Self.say(
      String(format: "the hub's processor time %.1f s (%.0f%% of one core)", used, share)
        + (share < 50
          ? ": the hub mostly waited, on "
            + (unlimitedRate ? "the province (the simulator)" : "the profile's rate")
          : ": the hub's own work most of the time"))
  }

  private static let prefix = "bench-"

  /// Prints a line at once, also into a pipe or a file: a run takes minutes.
  private static func say(_ line: String) {
    print(line)
    fflush(nil)
  }

  /// The case's details, as the counter system would send them, for profiles that need them.
  static let caseValues: [String: String] = [
    "case.credit_code": "11330100MB1234567X", "case.task_code": "330100-TASK-1", "case.task_name": "不动产登记",
    "case.status": "finished", "case.accepted_at": "1795000000000", "case.region_code": "330100",
    "case.promise": "promise", "applicant.type": "natural_person",
  ]

  /// The backlog: one pad's ratings of distinct cases, a thousand a transaction, through the
  /// store's append (which admits each to the outbox).
  private func fill(_ store: any HubStore) async throws {
    // Cases of their own each run, so a simulator that served an earlier run answers no duplicates.
    let run = UUID().uuidString.prefix(8).lowercased()
    let fingerprint = "benchuplink" + run + String(repeating: "0", count: 45)
    let card = DeviceCard(
      fingerprint: fingerprint, publicKey: "", areaCode: "640181", department: "区政务服务中心",
      hall: "政务服务大厅", window: "7", channel: "window_pad", channelCode: 4, software: "bench")
    try await store.enrol(card, name: Self.prefix + fingerprint)
    let now = Int64((Date().timeIntervalSince1970 * 1000).rounded())
    let good = ["very_satisfied", "satisfied", "basically_satisfied"]
    var seq: Int64 = 0
    while seq < backlog {
      let batch = try (seq..<min(Int64(backlog), seq + 1000)).map { index in
        // A record as a pad would send it, less the hash and signature (the store checks neither).
        let body = """
          {"seq":\(index + 1),"uuid":"\(UUID().uuidString.lowercased())","kind":"rating",\
          "wall_ms":\(now - Int64(backlog) + index),"utc_offset_seconds":28800,"boot_id":"bench",\
          "monotonic_ns":\(index),"clock_known":true,"prompt_id":"p\(index)","source":"counter",\
          "transaction":{"number":"BENCH-\(run)-\(index)","service_item_code":"ITEM-\(index % 50)",\
          "service_item_name":"","staff_number":"S-\(index % 3)","window":"7","department":"",\
          "stage":"finished"},"level":"\(good[Int(index) % good.count])","reasons":[],\
          "channel":"window_pad","hash":"","signature":""}
          """
        return StoredRecord(device: fingerprint, record: try HubJSON.record(body), body: body)
      }
      let head = seq + Int64(batch.count)
      guard try await store.append(batch, device: fingerprint, from: seq, head: head, hash: "") else {
        throw ValidationError("the store refused bench records at seq \(seq)")
      }
      seq = head
    }
  }

  /// This process's processor time so far (user and system), in seconds.
  private static func processorSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
      + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
  }
}
