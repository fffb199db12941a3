import Foundation
import Ledger
import RatingModel
import RecordChain
import SyncProtocol
import SyncTestSupport
import TestSupport
import Testing

@testable import Hub

/// Bad-rating alerts through the real processes: a pad's real API on loopback, the real
/// `ratingpad-hub serve` pulling it with two `[[webhook]]`s, and a receiver in this process.
@Suite(.serialized) struct AlertWebhookTests {
  @Test func eachBadRatingReachesBothWebhooksOnceAndGoodOnesNone() async throws {
    let setup = try await AlertSetup()
    defer { setup.stop() }
    let hub = try setup.startHub()
    defer { hub.stop() }
    let records = try setup.rate(0..<10)
    let bad = records.filter { $0.entry.kind == .rating && $0.entry.level?.isBad == true }.map(\.uuid)
    #expect(bad.count == 4)
    try await setup.waiting(for: hub, "four alerts at each webhook") {
      setup.receiver.accepted("/json").count >= 4 && setup.receiver.accepted("/wecom").count >= 4
    }
    // Nothing more comes: each once, and no good rating.
    try await Task.sleep(for: .seconds(2))
    let json = setup.receiver.arrivals("/json")
    let wecom = setup.receiver.arrivals("/wecom")
    #expect(json.count == 4 && wecom.count == 4, "\(json.count) \(wecom.count)")
    let payloads = json.compactMap(\.json)
    #expect(Set(payloads.compactMap { $0["uuid"] as? String }) == Set(bad))
    #expect(json.allSatisfy { $0.authorization == "Bearer json-hook-token-0123" })
    #expect(wecom.allSatisfy { $0.authorization == nil })
    for payload in payloads {
      #expect(payload["event"] as? String == "bad_rating")
      #expect(payload["hall"] as? String == "灵武市政务服务大厅" && payload["window"] as? String == "3")
      #expect(payload["device_name"] as? String == "window-3")
      #expect((payload["time"] as? String)?.hasSuffix("+08:00") == true, "\(payload)")
      #expect(["不满意", "非常不满意"].contains(payload["level_label"] as? String ?? ""))
      #expect((payload["staff_number"] as? String)?.hasPrefix("S") == true)
      if payload["level"] as? String == "very_dissatisfied" {
        // Its reasons came in the same page: they are in the alert, with the national label.
        let reasons = payload["reasons"] as? [[String: String]]
        #expect(reasons == [["code": "115", "label": "服务态度差效率低"]], "\(payload)")
      }
    }
    for arrival in wecom {
      let object = try #require(arrival.json)
      #expect(object["msgtype"] as? String == "markdown")
      let content = try #require((object["markdown"] as? [String: String])?["content"])
      #expect(content.hasPrefix("**【差评提醒】灵武市政务服务大厅 3号窗口 工号S"), "\(content)")
    }
    // How long from storing (and from the tap) to the webhook.
    let rows = try await setup.store().alertDeliveries(limit: 100)
    #expect(rows.count == 8 && rows.allSatisfy { $0.state == .delivered && $0.attempts == 1 }, "\(rows)")
    let byNumber = Dictionary(
      records.compactMap { record in record.entry.transaction.map { ($0.number, record.uuid) } },
      uniquingKeysWith: { first, _ in first })
    var stored: [Int64] = []
    var tapped: [Int64] = []
    for arrival in json + wecom {
      // The JSON names the rating's uuid; the robot's text its case number.
      let uuid =
        arrival.json?["uuid"] as? String
        ?? byNumber.first { arrival.body.contains("办件编号：\($0.key)\\n") || arrival.body.hasSuffix($0.key) }?
        .value
      guard let row = rows.first(where: { $0.uuid == uuid }) else {
        Issue.record("no delivery for \(arrival.body)")
        continue
      }
      stored.append(arrival.milliseconds - row.enqueuedMilliseconds)
      tapped.append(arrival.milliseconds - row.ratedMilliseconds)
    }
    stored.sort()
    tapped.sort()
    print(
      "alert latency: stored → webhook p50 \(stored[stored.count / 2]) ms, max \(stored.last!) ms; "
        + "tapped → webhook max \(tapped.last ?? 0) ms (pulled every second) over \(stored.count) deliveries")
    #expect(stored.last! < 3000)
    let status = try await runHub(["alerts", "status", "--database", setup.database])
    #expect(status.status == 0, "\(status.output)")
    #expect(status.output.contains("webhook hall-json\t待发送 pending 0\t发送失败重试中 failing 0\t已送达 delivered 4"))
    #expect(status.output.contains("webhook duty-wecom\t待发送 pending 0\t发送失败重试中 failing 0\t已送达 delivered 4"))
  }

  @Test func aFailingWebhookGetsTheAlertOnceItRecoversWithTriesAndLastErrorShown() async throws {
    let setup = try await AlertSetup()
    defer { setup.stop() }
    // A 500 with a 4 MiB body; a robot saying its key is wrong.
    setup.receiver.answer("/json", with: .init(status: 500, body: String(repeating: "x", count: 4 << 20)))
    setup.receiver.answer(
      "/wecom", with: .init(status: 200, body: #"{"errcode":93000,"errmsg":"invalid webhook url"}"#))
    let hub = try setup.startHub()
    defer { hub.stop() }
    try setup.rate(3..<4)
    try await setup.waiting(for: hub, "two failed tries at each webhook") {
      let rows = try await setup.store().alertDeliveries(limit: 10)
      return rows.count == 2 && rows.allSatisfy { $0.attempts >= 2 }
    }
    let rows = try await setup.store().alertDeliveries(limit: 10)
    let json = try #require(rows.first { $0.webhook == "hall-json" })
    #expect(json.state == .pending && json.lastStatus == 500 && json.lastError.hasPrefix("HTTP 500: xxx"))
    #expect(json.lastError.count < 300)
    let wecom = try #require(rows.first { $0.webhook == "duty-wecom" })
    #expect(wecom.lastStatus == 200 && wecom.lastError == "errcode 93000: invalid webhook url", "\(wecom)")
    let status = try await runHub(["alerts", "status", "--database", setup.database])
    #expect(status.output.contains("last error: errcode 93000: invalid webhook url"), "\(status.output)")
    #expect(status.output.contains("last status 500\tlast error: HTTP 500"), "\(status.output)")
    // Recovered: each gets it once more, taken.
    setup.receiver.answer("/json", with: .ok)
    setup.receiver.answer("/wecom", with: .robotOK)
    try await setup.waiting(for: hub, "both delivered") {
      try await setup.store().alertDeliveries(limit: 10).allSatisfy { $0.state == .delivered }
    }
    #expect(setup.receiver.accepted("/json").count == 1 && setup.receiver.accepted("/wecom").count == 1)
    let delivered = try await setup.store().alertDeliveries(limit: 10)
    #expect(delivered.allSatisfy { $0.attempts >= 3 && $0.deliveredMilliseconds != nil }, "\(delivered)")
    #expect(hub.process.isRunning)
    let after = try await runHub(["alerts", "status", "--database", setup.database])
    #expect(after.output.contains("delivered"), "\(after.output)")
    print("alerts status after recovery:\n\(after.output)")
  }

  @Test func aReceiverTricklingItsAnswerIsCutOffAtTheTimeoutAndTriedAgain() async throws {
    let setup = try await AlertSetup()
    defer { setup.stop() }
    // The robot's "ok", a byte a second: 27 s, past the 3 s timeout.
    setup.receiver.answer(
      "/wecom", with: .init(status: 200, body: #"{"errcode":0,"errmsg":"ok"}"#, trickle: true))
    let hub = try setup.startHub()
    defer { hub.stop() }
    try setup.rate(4..<5)
    try await setup.waiting(for: hub, "a try cut off") {
      try await setup.store().alertDeliveries(limit: 10).contains {
        $0.webhook == "duty-wecom" && $0.attempts >= 1
      }
    }
    let robot = try #require(
      try await setup.store().alertDeliveries(limit: 10).first { $0.webhook == "duty-wecom" })
    #expect(robot.state == .pending && robot.lastError == "no whole answer within 3 s", "\(robot)")
    // The other webhook was not held up.
    #expect(setup.receiver.accepted("/json").count == 1)
    setup.receiver.answer("/wecom", with: .robotOK)
    try await setup.waiting(for: hub, "the robot's delivery") {
      try await setup.store().alertDeliveries(limit: 10).allSatisfy { $0.state == .delivered }
    }
    #expect(hub.process.isRunning)
  }

  @Test func aHubKilledWithAlertsPendingSendsThemAfterItsRestart() async throws {
    let setup = try await AlertSetup()
    defer { setup.stop() }
    setup.receiver.answer("/json", with: .init(status: 503, body: "busy"))
    setup.receiver.answer("/wecom", with: .init(status: 503, body: "busy"))
    var hub = try setup.startHub(name: "hub-1")
    defer { hub.stop() }
    let first = try setup.rate(4..<5)
    try await setup.waiting(for: hub, "a failed try at each webhook") {
      let rows = try await setup.store().alertDeliveries(limit: 10)
      return rows.count == 2 && rows.allSatisfy { $0.attempts >= 1 }
    }
    kill(hub.process.processIdentifier, SIGKILL)
    hub.process.waitUntilExit()
    // The webhooks recover while the hub is down; the hub comes back under another process.
    setup.receiver.answer("/json", with: .ok)
    setup.receiver.answer("/wecom", with: .robotOK)
    let restarted = ContinuousClock.now
    hub = try setup.startHub(name: "hub-2")
    try await setup.waiting(for: hub, "the rating delivered to both webhooks") {
      let rows = try await setup.store().alertDeliveries(limit: 10)
      return rows.count == 2 && rows.allSatisfy { $0.state == .delivered }
    }
    print("alerts pending at a SIGKILL delivered \(ContinuousClock.now - restarted) after the restart")
    for path in ["/json", "/wecom"] {
      #expect(setup.receiver.accepted(path).count == 1, "\(path): \(setup.receiver.accepted(path).count)")
    }
    #expect(setup.receiver.accepted("/json").first?.json?["uuid"] as? String == first[0].uuid)
  }

  @Test func aHubKilledWhileSendingSendsAgainOnceItsLeaseRunsOut() async throws {
    let setup = try await AlertSetup()
    defer { setup.stop() }
    // The JSON receiver takes the POST and does not answer before the hub is gone.
    setup.receiver.answer("/json", with: .init(status: 200, body: "ok", delay: .seconds(10)))
    var hub = try setup.startHub(name: "hub-1")
    defer { hub.stop() }
    let rated = try setup.rate(3..<4)
    try await setup.waiting(for: hub, "the POST in flight, the robot's delivery recorded") {
      let robot = try await setup.store().alertDeliveries(limit: 10).first { $0.webhook == "duty-wecom" }
      return !setup.receiver.arrivals("/json").isEmpty && robot?.state == .delivered
    }
    kill(hub.process.processIdentifier, SIGKILL)
    hub.process.waitUntilExit()
    setup.receiver.answer("/json", with: .ok)
    let restarted = ContinuousClock.now
    hub = try setup.startHub(name: "hub-2")
    // The dead instance's lease (twice the 3 s timeout, and 10 s) runs out; then it is sent again.
    try await setup.waiting(for: hub, "the alert delivered after the lease ran out") {
      try await setup.store().alertDeliveries(limit: 10).allSatisfy { $0.state == .delivered }
    }
    print("an alert in flight at a SIGKILL delivered \(ContinuousClock.now - restarted) after the restart")
    // At least once: the receiver saw it twice, with the same uuid to recognise it by.
    let json = setup.receiver.arrivals("/json")
    #expect(json.count == 2 && json.allSatisfy { $0.json?["uuid"] as? String == rated[0].uuid })
    #expect(setup.receiver.accepted("/wecom").count == 1)
  }

  @Test(.enabled(if: ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"] != nil))
  func twoHubInstancesOnOneDatabaseDeliverEachAlertOnce() async throws {
    let database = ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"]!
    // Webhook names of its own: the database is shared with other tests.
    let setup = try await AlertSetup(suffix: "-" + UUID().uuidString.prefix(6).lowercased())
    defer { setup.stop() }
    // Answers that take a while keep one instance busy, so the other leases what is due meanwhile.
    setup.receiver.answer("/json", with: .init(status: 200, body: "ok", delay: .milliseconds(700)))
    setup.receiver.answer(
      "/wecom", with: .init(status: 200, body: #"{"errcode":0,"errmsg":"ok"}"#, delay: .milliseconds(700)))
    let hubs = try ["a", "b"].map { try setup.startHub(name: "hub-\($0)", database: database) }
    defer { hubs.forEach { $0.stop() } }
    do { try await eventually("both hubs listening") { hubs.allSatisfy { $0.port != nil } } } catch {
      throw TimedOut(
        what: "both hubs listening\n"
          + hubs.map { String($0.logText.suffix(2000)) }.joined(separator: "\n---\n"))
    }
    var bad: Set<String> = []
    for start in stride(from: 0, to: 100, by: 5) {
      bad.formUnion(
        try setup.rate(start..<start + 5).filter { $0.entry.kind == .rating && $0.entry.level?.isBad == true }
          .map(\.uuid))
      try await Task.sleep(for: .milliseconds(150))
    }
    #expect(bad.count == 40)
    try await setup.waiting(for: hubs[0], "40 alerts at each webhook") {
      setup.receiver.accepted("/json").count >= 40 && setup.receiver.accepted("/wecom").count >= 40
    }
    try await Task.sleep(for: .seconds(3))
    let json = setup.receiver.arrivals("/json")
    let uuids = json.compactMap { $0.json?["uuid"] as? String }
    #expect(uuids.count == 40 && Set(uuids) == bad, "\(uuids.count)")
    #expect(setup.receiver.arrivals("/wecom").count == 40)
    let byInstance = Dictionary(grouping: json, by: { $0.instance ?? "" })
      .mapValues(\.count)
    print("alerts delivered by instance: \(byInstance)")
    #expect(byInstance.count == 2, "\(byInstance)")
    #expect(setup.receiver.arrivals("/wecom").allSatisfy { $0.instance == nil })
  }
}
