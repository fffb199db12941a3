import Foundation
import Ledger
import RatingModel
import RecordChain
import SyncProtocol
import SyncTestSupport
import TestSupport
import Testing

@testable import Hub

/// Ratings forwarded to a province through the real processes: a pad's real API on loopback, the
/// real `ratingpad-hub` pulling it, and the province's simulator (Tests/province, gmssl) checking
/// each interface's signature, encryption and fields.
@Suite(.serialized) struct ProvinceUplinkTests {
  @Test(arguments: ["zhejiang", "shandong", "fujian", "beijing"])
  func everyRatingOfACaseReachesTheProvinceOnceWithItsCodes(profile: String) async throws {
    let setup = try await UplinkSetup(profile: profile)
    defer { setup.stop() }
    let hub = try setup.startHub()
    defer { hub.stop() }
    // The counter system sends each case's details; then the citizens rate.
    try await setup.putCases(0..<10, at: hub)
    try setup.rateTenWithReasons()

    // Shandong refuses a bad rating with no reasons and no text (provinces.md): BJ-2026-9's.
    let refusedCases = profile == "shandong" ? ["BJ-2026-9"] : []
    try await setup.waiting(for: hub, "10 ratings answered by the \(profile) simulator") {
      let outbox = try await setup.store().uplinkEntries(case: nil, states: [.sent, .refused])
      return outbox.count == 10
    }
    let received = try await setup.province.received()
    #expect(received.ratings.count == 10 - refusedCases.count, "\(received.ratings.map(\.case))")
    #expect(received.duplicates == 0 && received.conflicts == 0, "\(received)")
    let byCase = Dictionary(grouping: received.ratings, by: \.case)
    for index in 0..<10 where !refusedCases.contains("BJ-2026-\(index)") {
      let rating = try #require(byCase["BJ-2026-\(index)"]?.first, "case BJ-2026-\(index)")
      #expect(byCase["BJ-2026-\(index)"]?.count == 1)
      let level = SatisfactionLevel.allCases[index % 5]
      #expect(rating.number == "2")
      #expect(rating.fields[setup.levelField] == String(level.points), "\(rating.fields)")
      #expect(rating.fields["pf"] == "4")
      #expect(rating.fields["evalDetail"] ?? "" == UplinkSetup.reasons(index).joined(separator: ","))
      let time = rating.fields[setup.timeField] ?? ""
      #expect(time.wholeMatch(of: /20\d\d-\d\d-\d\d \d\d:\d\d:\d\d/) != nil, "\(time)")
      // What only the case's details say, in the province's own codes.
      switch profile {
      case "zhejiang":
        #expect(rating.fields["deptCode"] == UplinkSetup.creditCode && rating.fields["proStatus"] == "3")
        #expect(rating.fields["userName"] == "张三" && rating.fields["dataSource"] == "133")
      case "fujian":
        #expect(
          rating.fields["businessCode"] == "330100-TASK-\(index)" && rating.fields["userPageType"] == "111")
        #expect(rating.fields["userName"] == "张三" && rating.fields["certKey"] == UplinkSetup.idCard)
      case "beijing":
        #expect(rating.fields["taskCode"] == "330100-TASK-\(index)" && rating.fields["certType"] == "111")
      default:
        #expect(rating.fields["name"] == "张三")
      }
    }

    // At the hub: each of them sent with the province's id; the free rating kept out, saying why.
    let entries = try await setup.store().uplinkEntries(case: nil, states: [])
    let sent = entries.filter { $0.state == .sent }
    #expect(sent.count == 10 - refusedCases.count)
    let refused = entries.filter { $0.state == .refused }
    #expect(refused.map(\.caseNumber) == refusedCases)
    #expect(refused.allSatisfy { $0.why == "差评必须勾选详情或填写文字评价" && $0.attempts <= 2 }, "\(refused)")
    #expect(Set(sent.compactMap(\.provinceID)) == Set(received.ratings.map(\.province_id)))
    // Kept out, each saying why: the free rating, the expired prompt, the suspect press, the
    // prompt a kiosk never let show.
    let kept = entries.filter { $0.state == .notForwardable }.map(\.why)
    #expect(kept.count == 4, "\(entries)")
    #expect(kept.contains { $0.contains("never shown (E-SCREEN-SHARE: vt7 did not let go") }, "\(kept)")
    #expect(kept.contains { $0.contains("free rating") } && kept.contains { $0.contains("expired") })
    #expect(kept.contains { $0.contains("suspect press (too_soon)") }, "\(kept)")
    // A case the province holds is marked forwarded: its applicant is forgotten after the retention.
    let view = try await setup.counter(hub).get("/v1/cases/BJ-2026-0")
    #expect(view.body.contains("\"forwarded\":true"), "\(view)")
  }
}

extension ProvinceUplinkTests {
  @Test func aHubKilledBetweenSendingAndRecordingSendsAgainAndTheDuplicateCountsAsStored() async throws {
    let setup = try await UplinkSetup(profile: "zhejiang")
    defer { setup.stop() }
    var hub = try setup.startHub(name: "hub-1", instance: "hub-a")
    defer { hub.stop() }
    try await setup.putCases(0..<3, at: hub)
    // The province stores, then takes 30 s to answer: the hub dies meanwhile.
    try await setup.province.control("delay", #"{"ms": 30000}"#)
    for index in 0..<3 { try setup.rate(index) }
    try await setup.waiting(for: hub, "a rating stored at the province, unanswered") {
      try await setup.province.received().ratings.count >= 1
    }
    kill(hub.process.processIdentifier, SIGKILL)
    hub.process.waitUntilExit()
    try await setup.province.control("delay", #"{"ms": 0}"#)
    // The same instance again: it takes its own leases back at once and sends them again.
    hub = try setup.startHub(name: "hub-2", instance: "hub-a")
    try await setup.waiting(for: hub, "all three sent") {
      try await setup.store().uplinkEntries(case: nil, states: [.sent]).count == 3
    }
    let received = try await setup.province.received()
    #expect(received.ratings.map(\.case).sorted() == ["BJ-2026-0", "BJ-2026-1", "BJ-2026-2"])
    #expect(received.duplicates >= 1 && received.conflicts == 0, "\(received)")
    let resent = try await setup.store().uplinkEntries(case: nil, states: [.sent]).filter {
      $0.why.contains("该办件已评价")
    }
    #expect(resent.count == received.duplicates, "\(resent)")
  }

  @Test func aProvinceDownForAWhileGetsTheBacklogWhenItReturns() async throws {
    let setup = try await UplinkSetup(profile: "shandong")
    defer { setup.stop() }
    try await setup.province.control("down", #"{"status": 503}"#)
    let hub = try setup.startHub()
    defer { hub.stop() }
    try setup.rateTenWithReasons()
    try await setup.waiting(for: hub, "the first try failing") {
      try await setup.store().uplinkEntries(case: nil, states: [.pending]).contains {
        $0.attempts >= 1 && $0.why.contains("HTTP 503")
      }
    }
    // Operators see it waiting, with why.
    let status = try await runHub(["uplink", "status", "--database", setup.database])
    #expect(status.status == 0 && status.output.contains("HTTP 503"), "\(status.output)")
    #expect(try await setup.province.received().ratings.isEmpty)
    try await setup.province.control("up")
    try await setup.waiting(for: hub, "the backlog drained") {
      try await setup.store().uplinkEntries(case: nil, states: [.sent, .refused]).count == 10
    }
    let received = try await setup.province.received()
    #expect(received.ratings.count == 9 && received.duplicates == 0 && received.conflicts == 0)
    let summary = try await setup.store().uplinkSummary()
    #expect(summary.counts[.pending] ?? 0 == 0 && summary.oldestUnsentMilliseconds == nil)
  }

  @Test func aRefusalIsShownWithItsTextAndSentAgainOnlyWhenAnOperatorSays() async throws {
    let setup = try await UplinkSetup(profile: "fujian")
    defer { setup.stop() }
    try await setup.province.control("refuse", #"{"case": "BJ-2026-1", "text": "办件尚未办结"}"#)
    let hub = try setup.startHub()
    defer { hub.stop() }
    try await setup.putCases(0..<3, at: hub)
    for index in 0..<3 { try setup.rate(index) }
    try await setup.waiting(for: hub, "two sent, one refused") {
      let rows = try await setup.store().uplinkEntries(case: nil, states: [.sent, .refused])
      return rows.count == 3
    }
    let refused = try await setup.store().uplinkEntries(case: "BJ-2026-1", states: [])
    #expect(refused.map(\.state) == [.refused] && refused.first?.why == "办件尚未办结", "\(refused)")
    let status = try await runHub(["uplink", "status", "--database", setup.database])
    #expect(status.output.contains("refused           BJ-2026-1 (finished): 办件尚未办结"), "\(status.output)")
    let show = try await runHub(["uplink", "show", "BJ-2026-1", "--database", setup.database])
    #expect(show.output.contains("refused") && show.output.contains("1 tries"), "\(show.output)")
    // Not sent again by itself: the two sent ones were the last requests, and it stays refused
    // while the forwarder has looked again many times.
    let requests = try await setup.province.received().requests
    let metricsBefore = try await HubClient(base: "http://127.0.0.1:\(hub.port!)", token: "").get("/metrics")
    #expect(metricsBefore.body.contains("ratingpad_hub_uplink_refused_total 1"), "\(metricsBefore.body)")
    #expect(metricsBefore.body.contains(#"ratingpad_hub_uplink_entries{state="refused"} 1"#))

    // Resolved at the province (the case has finished there): an operator sends it again.
    let unexplained = try await runHub([
      "uplink", "retry", "BJ-2026-1", "--database", setup.database, "--reason", "",
    ])
    #expect(unexplained.status != 0)
    #expect(try await setup.province.received().requests == requests)
    try await setup.province.control("reset")
    let retry = try await runHub([
      "uplink", "retry", "BJ-2026-1", "--reason", "办件已在省平台办结", "--by", "张工", "--database", setup.database,
    ])
    #expect(retry.status == 0, "\(retry.output)")
    try await setup.waiting(for: hub, "the retried rating stored") {
      try await setup.store().uplinkEntries(case: "BJ-2026-1", states: [.sent]).count == 1
    }
    #expect(try await setup.province.received().ratings.map(\.case) == ["BJ-2026-1"])
    let audit = try await runHub(["audit", "--database", setup.database])
    #expect(audit.output.contains("张工\tuplink_retry\tBJ-2026-1\t办件已在省平台办结"), "\(audit.output)")
  }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"] != nil))
  func twoHubInstancesOnOneDatabaseForwardOneBacklogEachRatingOnce() async throws {
    let database = ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"]!
    // Case numbers of its own: the database is shared with other tests.
    let setup = try await UplinkSetup(profile: "shandong", casePrefix: "PG-\(UUID().uuidString.prefix(8))-")
    defer { setup.stop() }
    let hubs = try ["a", "b"].map {
      try setup.startHub(
        name: "hub-\($0)", database: database, instance: "hub-\($0)-\(UUID().uuidString.prefix(6))")
    }
    defer { hubs.forEach { $0.stop() } }
    try await setup.waiting(for: hubs[0], "both hubs listening") { hubs.allSatisfy { $0.port != nil } }
    let store = try SQLHubStore(postgresURL: database, logger: quietLogger)
    let fingerprint = setup.pad.card.fingerprint
    func ours() async throws -> [OutboxRow] {
      try await store.uplinkEntries(case: nil, states: []).filter { $0.device == fingerprint }
    }
    // 200 ratings in pages the two take in turn, the lease holder pulling and both forwarding.
    for index in 0..<200 where !SatisfactionLevel.allCases[index % 5].isBad { try setup.rate(index) }
    try await setup.waiting(for: hubs[0], "120 ratings sent") {
      try await ours().filter { $0.state == .sent }.count == 120
    }
    // Other tests' ratings in the shared database go to this province too: count ours.
    let received = try await setup.province.received()
    let cases = received.ratings.map(\.case).filter { $0.hasPrefix(setup.casePrefix) }
    #expect(cases.count == 120 && Set(cases).count == 120, "\(cases.count)")
    #expect(
      received.duplicates == 0 && received.conflicts == 0, "\(received.duplicates) \(received.conflicts)")
  }
}

/// A pad, a province simulator and a hub configuration forwarding to it.
struct UplinkSetup {
  let profile: String
  let pad: TestPad
  let province: ProvinceSimulator
  /// Case numbers are this and the rating's index (a database shared with other tests needs its own).
  let casePrefix: String
  var directory: String { pad.directory }
  var database: String { directory + "/hub.sqlite" }

  init(profile: String, casePrefix: String = "BJ-2026-") async throws {
    self.profile = profile
    self.casePrefix = casePrefix
    pad = try TestPad()
    try await pad.serve()
    province = try ProvinceSimulator(profile: profile, directory: pad.directory)
    try await province.waitUntilListening()
  }

  /// The reasons the tests record for the rating at `index`: two for 不满意, one for 非常不满意, and
  /// the closed screen with none for every other 非常不满意.
  static func reasons(_ index: Int) -> [String] {
    switch SatisfactionLevel.allCases[index % 5] {
    case .dissatisfied: ["213", "214"]
    case .veryDissatisfied: index % 10 == 4 ? ["115"] : []
    default: []
    }
  }

  /// Ten ratings of cases (each bad one followed by its reasons) and a free rating, written by a
  /// pad whose clock is known (a province is sent no time the hub has not established).
  func rateTenWithReasons() throws {
    for index in 0..<10 {
      try rate(index)
    }
    let unrated = try Transaction(number: casePrefix + "99", serviceItemCode: "11640181MB0")
    _ = try pad.writer.append(
      [
        LedgerEntry(
          kind: .rating, promptID: "free-1", source: "free", level: .satisfied, channel: .windowPad),
        LedgerEntry(kind: .promptExpired, promptID: "prompt-99", source: "counter", transaction: unrated),
        LedgerEntry(
          kind: .suspectPress, promptID: "prompt-99", source: "counter", transaction: unrated,
          level: .verySatisfied, suspectReason: .tooSoon, channel: .windowPad),
        LedgerEntry(
          kind: .promptNotShown, promptID: "prompt-98", source: "kiosk",
          transaction: try Transaction(number: casePrefix + "98", serviceItemCode: "11640181MB0"),
          channel: .kiosk,
          detail: "E-SCREEN-SHARE: vt7 did not let go of the screen within 5 s"),
      ], at: .now(clockKnown: true))
  }

  /// The rating of case `casePrefix + index` (levels in turn, as `TestPad.rating`), and its
  /// reasons when it is bad.
  func rate(_ index: Int) throws {
    let level = SatisfactionLevel.allCases[index % 5]
    var entries = [
      LedgerEntry(
        kind: .rating, promptID: "prompt-\(index)", source: "counter",
        transaction: try Transaction(
          number: casePrefix + String(index), serviceItemCode: "11640181MB\(index % 7)",
          staffNumber: "S\(index % 3)",
          window: "3"),
        level: level, channel: .windowPad)
    ]
    if level.isBad {
      entries.append(
        LedgerEntry(
          kind: .reasons, promptID: "prompt-\(index)", level: level, reasons: Self.reasons(index),
          checklistVersion: "national-2"))
    }
    _ = try pad.writer.append(entries, at: .now(clockKnown: true))
  }

  static let creditCode = "11330100MB1234567X"
  static let idCard = "11010519491231002X"

  /// The counter system's client of the hub.
  func counter(_ hub: HubProcess) -> HubClient {
    HubClient(base: "http://127.0.0.1:\(hub.port ?? 0)", token: "counter-secret-0123456789")
  }

  /// Sends the details of cases `casePrefix + index` to the hub, as the counter system does.
  func putCases(_ indexes: Range<Int>, at hub: HubProcess) async throws {
    try await eventually("the hub listening") { hub.port != nil }
    for index in indexes {
      let body = """
        {"department_credit_code": "\(Self.creditCode)", "task_code": "330100-TASK-\(index)",
         "task_name": "不动产登记", "status": "finished", "accepted_at": "2026-12-01T09:30:00+08:00",
         "promise": "promise", "applicant": {"type": "natural_person", "name": "张三",
         "certificate_type": "id_card", "certificate_number": "\(Self.idCard)"}}
        """
      let answer = try await counter(hub).put("/v1/cases/\(casePrefix)\(index)", body)
      guard answer.status == 201 || answer.status == 200 else {
        throw TimedOut(what: "case \(casePrefix)\(index) answered \(answer.status): \(answer.body)")
      }
    }
  }

  /// The field a profile keeps the level and the rating's time in.
  var levelField: String { "satisfaction" }
  var timeField: String { profile == "fujian" ? "evaluateTime" : "assessTime" }

  /// The hub's configuration: pulls the pad every second, forwards to the simulator.
  func hubConfiguration(database: String? = nil, instance: String? = nil) throws -> String {
    let token = directory + "/hub.token"
    try writeSecret("hub-secret-0123456789", to: token)
    var settings: [String: String] = [:]
    var secrets: [String: String] = [:]
    switch profile {
    case "zhejiang": settings = ["area_code": "330100", "area_name": "杭州市", "data_source": "133"]
    case "shandong":
      settings = ["app_mark": "ratingpad-test"]
      secrets = ["app_word": "ratingpad-word"]
    case "fujian":
      settings = ["app_key": "ratingpad-test", "region_code": "350100"]
      secrets = ["app_secret": "ratingpad-secret"]
    default:
      settings = ["app_mark": "ratingpad-test", "area_code": "110000"]
      secrets = ["app_word": "ratingpad-word", "province_public_key": ProvinceSimulator.beijingPublicKey]
    }
    let counterToken = directory + "/counter.token"
    try writeSecret("counter-secret-0123456789", to: counterToken)
    var text = """
      listen = "127.0.0.1:0"
      database = "\(database ?? self.database)"
      pull_interval_seconds = 1
      [[pad]]
      name = "window-\(casePrefix.dropLast())"
      url = "\(pad.base)"
      token_file = "\(token)"
      public_key = "\(pad.card.publicKey)"
      [cases]
      token_file = "\(counterToken)"
      key_file = "\(directory)/cases.key"
      [uplink]
      profile = "\(ProvinceSimulator.profilePath(profile))"
      url = "\(province.base)"

      """
    if let instance { text += "instance = \"\(instance)\"\n" }
    text += "[uplink.settings]\n" + settings.map { "\($0.key) = \"\($0.value)\"\n" }.joined()
    text += "[uplink.secrets]\n"
    for (name, value) in secrets {
      try writeSecret(value, to: directory + "/\(name).secret")
      text += "\(name) = \"\(directory)/\(name).secret\"\n"
    }
    let path = directory + "/hub-\(UUID().uuidString.prefix(6)).toml"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func startHub(name: String = "hub", database: String? = nil, instance: String? = nil) throws -> HubProcess {
    try HubProcess(
      config: try hubConfiguration(database: database, instance: instance), directory: directory, name: name)
  }

  /// Waits for `condition`; when it does not come, the error carries the hub's and the
  /// province's logs.
  func waiting(
    for hub: HubProcess, within limit: Duration = .seconds(60), _ what: String,
    _ condition: () async throws -> Bool
  ) async throws {
    // The hub may not have made its tables yet: a failing look is a look that did not see it.
    do { try await eventually(within: limit, what) { (try? await condition()) ?? false } } catch {
      let province = (try? String(contentsOfFile: province.log, encoding: .utf8)) ?? ""
      let rows = (try? await store().uplinkEntries(case: nil, states: []))?.map {
        "\($0.seq) \($0.state) \($0.why)"
      }
      throw TimedOut(
        what:
          "\(what)\n--- hub\n\(hub.logText.suffix(3000))\n--- province\n\(province.suffix(3000))\n--- outbox\n\(rows ?? [])"
      )
    }
  }

  func store() throws -> SQLHubStore { try SQLHubStore(sqlitePath: database) }

  func stop() {
    province.stop()
  }

  /// Writes a secret once: a second hub's configuration written while the first starts must not
  /// replace the file the first is reading (an atomic write is briefly of the default mode).
  private func writeSecret(_ value: String, to path: String) throws {
    guard !FileManager.default.fileExists(atPath: path) else { return }
    try (value + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
  }
}
