import AsyncHTTPClient
import Foundation
@testable import Hub
import NIOCore
import RatingModel
import SyncProtocol
import SyncTestSupport
import Testing
import TestSupport

/// The console's reports, fleet and audit pages through a real `ratingpad-hub serve`: the figures
/// are the report command's, each role sees what it may, the operators' buttons act and are
/// audited, and a bad query value is a 400 naming it.
@Suite struct ConsolePagesTests {
  @Test func theReportPageShowsTheReportCommandsFiguresAndItsCSVTheSameRows() async throws {
    let hall = try await ConsoleHall.start()
    defer { hall.stop() }
    let admin = try await hall.logIn("admin")
    let page = try await hall.get("/reports?by=window&month=2026-11", cookie: admin)
    #expect(page.status == 200)
    let command = try await runHub([
      "report", "--database", hall.database, "--by", "window", "--month", "2026-11", "--now", "2026-12-01",
    ])
    #expect(command.status == 0, "\(command.output)")
    let expected = ConsoleHall.commandRows(command.output)
    #expect(expected.count == 2)
    #expect(ConsoleHall.pageRows(page.text) == expected, "\(page.text)")
    #expect(page.text.contains(#"<svg id="chart""#) && page.text.contains("<polyline"))
    for dimension in ["staff", "department", "service_item", "hall"] {
      let other = try await hall.get("/reports?by=\(dimension)&month=2026-11", cookie: admin)
      let report = try await runHub([
        "report", "--database", hall.database, "--by", dimension, "--month", "2026-11",
      ])
      #expect(ConsoleHall.pageRows(other.text) == ConsoleHall.commandRows(report.output), "\(dimension)")
    }

    let csv = try await hall.get("/reports.csv?by=window&month=2026-11", cookie: admin)
    #expect(csv.status == 200 && csv.contentType.hasPrefix("text/csv"))
    #expect(csv.text.hasPrefix("\u{FEFF}\"窗口 Window\",\"评价数 Ratings\""), "\(csv.text)")
    let lines = csv.text.split(separator: "\r\n").dropFirst()
    #expect(
      lines.map { line in
        let cells = line.dropFirst().dropLast().components(separatedBy: "\",\"")
        return [cells[0], cells[1], cells.last!]
      } == expected)

    let ranking = try await hall.get("/ranking?month=2026-11", cookie: admin)
    #expect(ranking.status == 200)
    // Window 3 has the bad rating: it ranks second.
    let ranked = ConsoleHall.matches(
      #"<td class="rank">(\d+)</td><td class="unit">([^<]*)</td>"#, ranking.text)
    #expect(ranked.map { $0[2] } == ["灵武市政务服务中心 / 4", "灵武市政务服务中心 / 3"], "\(ranking.text)")
  }

  @Test func aDepartmentHeadSeesOnlyItsDepartmentAndStaffOnlyTheirOwn() async throws {
    let hall = try await ConsoleHall.start()
    defer { hall.stop() }
    let head = try await hall.logIn("head")
    let byDepartment = try await hall.get("/reports?by=department&month=2026-11", cookie: head)
    #expect(ConsoleHall.pageRows(byDepartment.text).map { $0[0] } == ["D1"], "\(byDepartment.text)")
    let byStaff = try await hall.get("/reports?by=staff&month=2026-11", cookie: head)
    #expect(ConsoleHall.pageRows(byStaff.text) == [["S1", "5", "76.00"]], "\(byStaff.text)")
    let csv = try await hall.get("/reports.csv?by=staff&month=2026-11", cookie: head)
    #expect(!csv.text.contains("S2"))
    let staff = try await hall.logIn("staff")
    let own = try await hall.get("/reports?by=window&month=2026-11", cookie: staff)
    #expect(ConsoleHall.pageRows(own.text) == [["灵武市政务服务中心 / 4", "5", "92.00"]], "\(own.text)")
    #expect(try await hall.get("/fleet", cookie: staff).status == 403)
    #expect(try await hall.get("/audit", cookie: staff).status == 403)
    #expect(try await hall.get("/audit", cookie: head).status == 403)
    #expect(try await hall.get("/fleet", cookie: head).status == 200)
  }

  @Test func theRetryButtonSendsARefusedRatingAgainAndTheAuditLogSaysWhoAndWhy() async throws {
    let hall = try await ConsoleHall.start()
    defer { hall.stop() }
    let auditor = try await hall.logIn("auditor")
    let seen = try await hall.get("/fleet", cookie: auditor)
    #expect(seen.status == 200 && seen.text.contains("办件尚未办结") && seen.text.contains(#"id="pads""#))
    #expect(!seen.text.contains(#"<form class="retry""#) && !seen.text.contains(#"<form class="clear-flag""#))
    let refusedAsAuditor = try await hall.post(
      "/fleet/uplink/BJ-1/retry", ["csrf": ConsoleHall.csrf(seen.text), "reason": "case arrived"],
      cookie: auditor)
    #expect(refusedAsAuditor.status == 403)

    let supervisor = try await hall.logIn("supervisor")
    let fleet = try await hall.get("/fleet", cookie: supervisor)
    #expect(fleet.text.contains(#"action="/fleet/uplink/BJ-1/retry""#), "\(fleet.text)")
    let csrf = ConsoleHall.csrf(fleet.text)
    // Without the form token: refused, and nothing changes.
    let forged = try await hall.post(
      "/fleet/uplink/BJ-1/retry", ["reason": "case arrived"], cookie: supervisor)
    #expect(forged.status == 403)
    let noReason = try await hall.post(
      "/fleet/uplink/BJ-1/retry", ["csrf": csrf, "reason": "ok"], cookie: supervisor)
    #expect(noReason.status == 400)
    #expect(try await hall.store.uplinkEntries(case: "BJ-1", states: []).map(\.state) == [.refused])

    let retried = try await hall.post(
      "/fleet/uplink/BJ-1/retry", ["csrf": csrf, "reason": "the case arrived at the province"],
      cookie: supervisor)
    #expect(retried.status == 303 && retried.location == "/fleet")
    #expect(try await hall.store.uplinkEntries(case: "BJ-1", states: []).map(\.state) == [.pending])
    let line = try await hall.store.auditLog().last
    #expect(
      line?.actor == "supervisor" && line?.action == "uplink_retry" && line?.subject == "BJ-1"
        && line?.detail == "the case arrived at the province")
    let again = try await hall.post(
      "/fleet/uplink/BJ-1/retry", ["csrf": csrf, "reason": "the case arrived at the province"],
      cookie: supervisor)
    #expect(again.status == 409)

    let audit = try await hall.get("/audit", cookie: auditor)
    #expect(
      audit.status == 200 && audit.text.contains("uplink_retry") && audit.text.contains("the case arrived"))
  }

  @Test func anAdminClearsAFlagWithAReasonAndOthersCannot() async throws {
    let hall = try await ConsoleHall.start()
    defer { hall.stop() }
    try await hall.store.flag(device: ConsoleHall.fingerprint(0), problem: "seq 3 sent with another hash")
    let supervisor = try await hall.logIn("supervisor")
    let seen = try await hall.get("/fleet", cookie: supervisor)
    #expect(seen.text.contains("seq 3 sent with another hash") && !seen.text.contains("clear-flag"))
    let path = "/fleet/devices/\(ConsoleHall.fingerprint(0))/clear-flag"
    #expect(
      try await hall.post(
        path, ["csrf": ConsoleHall.csrf(seen.text), "reason": "checked"], cookie: supervisor
      ).status
        == 403)
    let admin = try await hall.logIn("admin")
    let fleet = try await hall.get("/fleet", cookie: admin)
    #expect(fleet.text.contains(#"action="\#(path)""#))
    let cleared = try await hall.post(
      path, ["csrf": ConsoleHall.csrf(fleet.text), "reason": "the pad was restored from its backup"],
      cookie: admin)
    #expect(cleared.status == 303)
    #expect(try await hall.store.device(ConsoleHall.fingerprint(0))?.problem == nil)
    let line = try await hall.store.auditLog().last
    #expect(line?.actor == "admin" && line?.action == "clear_flag")
    #expect(line?.detail == "the pad was restored from its backup (was flag: seq 3 sent with another hash)")
  }

  @Test func badQueryValuesAreA400NamingTheValue() async throws {
    let hall = try await ConsoleHall.start()
    defer { hall.stop() }
    let admin = try await hall.logIn("admin")
    let cases = [
      ("/reports?month=2026-13", "month &#39;2026-13&#39; is not a month like 2026-11"),
      ("/reports?quarter=2026Q5", "quarter &#39;2026Q5&#39; is not a quarter like 2026Q4"),
      (
        "/reports?by=colour",
        "by &#39;colour&#39; is not one of hall, window, staff, department, service_item"
      ),
      ("/reports?from=2026-11-30&to=2026-11-01", "to 2026-11-01 is before from 2026-11-30"),
      ("/reports?month=2026-11&quarter=2026Q4", "name one period"),
      ("/reports.csv?from=yesterday", "from &#39;yesterday&#39; is not a date like 2026-11-30"),
      ("/ranking?month=%E2%80%AE", "is not a month like 2026-11"),
      ("/audit?page=0", "page &#39;0&#39; is not a page number like 1"),
      ("/audit?page=99", "page &#39;99&#39; is beyond the last page, 1"),
    ]
    for (path, message) in cases {
      let page = try await hall.get(path, cookie: admin)
      let text = page.text.replacingOccurrences(of: "&#x27;", with: "&#39;")
      #expect(page.status == 400 && text.contains(message), "\(path): \(page.status) \(page.text)")
    }
    #expect(try await hall.get("/reports?month=2026-11&colour=blue", cookie: admin).status == 200)
  }
}

/// The console's store queries on each engine (PostgreSQL with RATINGPAD_TEST_POSTGRES): counts
/// within a scope, by day, the pads' last fault and clock, the outbox and the audit log in pages.
@Suite struct InsightQueriesTests {
  static var databases: [String] {
    ["sqlite"] + (ProcessInfo.processInfo.environment["RATINGPAD_TEST_POSTGRES"].map { [$0] } ?? [])
  }

  @Test(arguments: databases) func scopedCountsFaultsClocksAndPages(database: String) async throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("insights-\(UUID()).sqlite").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let store =
      database == "sqlite"
      ? try SQLHubStore(sqlitePath: path) : try SQLHubStore(postgresURL: database, logger: quietLogger)
    try await store.prepare()
    // Unique names: a PostgreSQL database is shared with the other tests.
    let tag = String(UUID().uuidString.prefix(6)).lowercased()
    try await ConsoleHall.fill(store, tag: tag)
    let ours = Set([ConsoleHall.fingerprint(0, tag: tag), ConsoleHall.fingerprint(1, tag: tag)])
    let november = try ReportPeriod.month("2026-11")

    let head = try await store.tallies(by: .staff, in: november, scope: RatingScope(department: "D1\(tag)"))
    #expect(Set(head.map(\.key)) == ["S1\(tag)"] && head.reduce(0) { $0 + $1.count } == 5)
    let everyone = try await store.tallies(by: .window, in: november, scope: RatingScope())
      .filter { ours.contains($0.device) }
    #expect(everyone.reduce(0) { $0 + $1.count } == 10)
    #expect(
      try await store.tallies(by: .window, in: november).filter { ours.contains($0.device) } == everyone)

    let days = try await store.dailyCounts(in: november, scope: RatingScope(staffNumber: "S2\(tag)"))
    #expect(
      days.map(\.day.day).sorted() == [7, 8, 9, 10, 11] && days.allSatisfy { $0.count == 1 }, "\(days)")

    let fault = """
      {"seq":6,"uuid":"\(UUID().uuidString.lowercased())","kind":"fault","wall_ms":\(CivilDate(year: 2026, month: 11, day: 20)!.startMilliseconds),\
      "utc_offset_seconds":28800,"boot_id":"b","monotonic_ns":6,"reasons":[],"detail":"E-TOUCH-NONE","hash":"","signature":""}
      """
    let device = ConsoleHall.fingerprint(0, tag: tag)
    #expect(
      try await store.append(
        [StoredRecord(device: device, record: try HubJSON.record(fault), body: fault)], device: device,
        from: 5,
        head: 6, hash: ""))
    let conditions = try await store.deviceConditions()
    #expect(conditions[device]?.lastFault == "E-TOUCH-NONE" && conditions[device]?.clock == .unmarked)
    #expect(conditions[ConsoleHall.fingerprint(1, tag: tag)]?.lastFault == nil)

    let refused = try await store.uplinkEntries(in: .refused, limit: 1000).filter { ours.contains($0.device) }
    #expect(refused.map(\.caseNumber) == ["BJ\(tag)-1"] && refused.first?.why == "办件尚未办结")

    let ahead = 4_000_000_000_000 + Int64(Date().timeIntervalSince1970 * 1000)
    for index in 0..<5 {
      try await store.audit(
        AuditEntry(
          actor: "t\(tag)", action: "test", subject: "\(index)", detail: "",
          atMilliseconds: ahead + Int64(index)))
    }
    // Stamped far ahead, so they are the newest whatever else the database holds.
    #expect(try await store.auditLog(newestFirstFrom: 0, limit: 2).map(\.subject) == ["4", "3"])
    #expect(try await store.auditLog(newestFirstFrom: 2, limit: 2).map(\.subject) == ["2", "1"])
    #expect(try await store.auditCount() >= 5)
  }
}

/// A hub with a console, two pads' ratings of November 2026 in two departments, one rating the
/// province refused, and a user of each role.
final class ConsoleHall: @unchecked Sendable {
  let directory: String
  let database: String
  let store: SQLHubStore
  let process: Process
  let base: String
  let client: HTTPClient

  static let password = "console-password-42"

  static func fingerprint(_ pad: Int, tag: String = "") -> String {
    "test" + tag + String(format: "%0\(60 - tag.count)d", pad)
  }

  private init(directory: String, database: String, store: SQLHubStore, process: Process, base: String) {
    self.directory = directory
    self.database = database
    self.store = store
    self.process = process
    self.base = base
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  static func start() async throws -> ConsoleHall {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("console-\(UUID())").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let database = directory + "/hub.sqlite"
    let store = try SQLHubStore(sqlitePath: database)
    try await store.prepare()
    try await fill(store)
    for (name, role, extra) in [
      ("admin", "admin", [String]()), ("supervisor", "supervisor", []), ("auditor", "auditor", []),
      ("head", "department_head", ["--department", "D1"]), ("staff", "staff", ["--staff-number", "S2"]),
    ] {
      let added = try await onOwnThread {
        try runToEnd(
          BuiltProduct.path("ratingpad-hub"),
          ["user", "add", name, "--role", role, "--database", database, "--by", "test"] + extra,
          input: password + "\n")
      }
      #expect(added.status == 0, "\(added.output)")
    }
    let config = directory + "/hub.toml"
    try """
    listen = "127.0.0.1:0"
    database = "\(database)"
    [console]
    listen = "127.0.0.1:0"
    """.write(toFile: config, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: BuiltProduct.path("ratingpad-hub"))
    let portFile = directory + "/console.port"
    process.arguments = [
      "serve", "--config", config, "--port-file", directory + "/hub.port", "--console-port-file", portFile,
    ]
    try startLogged(process, log: directory + "/hub.log")
    var port: Int?
    for _ in 0..<300 where port == nil {
      port = readPort(portFile)
      if port == nil { try await Task.sleep(for: .milliseconds(50)) }
    }
    guard let port else {
      process.terminate()
      process.waitUntilExit()
      throw HubStoreError(
        "the console did not start: \((try? String(contentsOfFile: directory + "/hub.log", encoding: .utf8)) ?? "")"
      )
    }
    return ConsoleHall(
      directory: directory, database: database, store: store, process: process,
      base: "http://127.0.0.1:\(port)")
  }

  /// Ten ratings of November 2026 at two windows: window 3 (department D1, staff S1) with a bad
  /// one, window 4 (D2, S2); the province refused case BJ-1.
  static func fill(_ store: SQLHubStore, tag: String = "") async throws {
    let levels: [SatisfactionLevel] = [
      .verySatisfied, .satisfied, .dissatisfied, .verySatisfied, .basicallySatisfied,
      .verySatisfied, .verySatisfied, .satisfied, .verySatisfied, .satisfied,
    ]
    let start = CivilDate(year: 2026, month: 11, day: 2)!.startMilliseconds + 9 * 3_600_000
    for pad in 0..<2 {
      let card = DeviceCard(
        fingerprint: fingerprint(pad, tag: tag), publicKey: "", areaCode: "640181", department: "灵武市政务服务管理局",
        hall: "灵武市政务服务中心", window: "\(pad + 3)", channel: "window_pad", channelCode: 4, software: "1.4.0")
      try await store.enrol(card, name: "window-\(pad + 3)\(tag)")
      let records = try (0..<5).map { seq in
        let index = pad * 5 + seq
        let body = """
          {"seq":\(seq + 1),"uuid":"\(UUID().uuidString.lowercased())","kind":"rating","wall_ms":\(start + Int64(index) * 86_400_000),\
          "utc_offset_seconds":28800,"boot_id":"b","monotonic_ns":\(seq),"prompt_id":"p\(index)","source":"counter",\
          "transaction":{"number":"BJ\(tag)-\(index)","service_item_code":"ITEM-\(index % 2)","service_item_name":"",\
          "staff_number":"S\(pad + 1)\(tag)","window":"\(pad + 3)","department":"D\(pad + 1)\(tag)","stage":"finished"},\
          "level":"\(levels[index].rawValue)","reasons":[],"channel":"window_pad","hash":"","signature":""}
          """
        return StoredRecord(device: card.fingerprint, record: try HubJSON.record(body), body: body)
      }
      #expect(try await store.append(records, device: card.fingerprint, from: 0, head: 5, hash: ""))
    }
    let now = Int64(Date().timeIntervalSince1970 * 1000)
    let leased = try await store.leaseUplink(holder: "test\(tag)", now: now, until: now + 60_000, limit: 1000)
      .filter { $0.caseNumber.hasPrefix("BJ\(tag)-") }
    try await store.recordUplink(
      leased.filter { $0.caseNumber == "BJ\(tag)-1" }.map { ($0, .refused("办件尚未办结")) }, now: now)
    try await store.recordUplink(
      leased.filter { $0.caseNumber != "BJ\(tag)-1" }.map { ($0, .sent(provinceID: nil, note: "")) }, now: now
    )
  }

  func stop() {
    process.terminate()
    process.waitUntilExit()
    try? client.syncShutdown()
    try? FileManager.default.removeItem(atPath: directory)
  }

  func logIn(_ name: String) async throws -> String {
    try await ConsoleBenchmark.logIn(client, base: base, user: name, password: Self.password)
  }

  struct Answer {
    var status: UInt
    var text: String
    var contentType: String
    var location: String?
  }

  func get(_ path: String, cookie: String) async throws -> Answer {
    var request = HTTPClientRequest(url: base + path)
    request.headers.add(name: "Cookie", value: cookie)
    return try await answer(request)
  }

  func post(_ path: String, _ form: [String: String], cookie: String) async throws -> Answer {
    var request = HTTPClientRequest(url: base + path)
    request.method = .POST
    request.headers.add(name: "Cookie", value: cookie)
    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
    let body = form.map {
      "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
    }
    request.body = .bytes(ByteBuffer(string: body.joined(separator: "&")))
    return try await answer(request)
  }

  private func answer(_ request: HTTPClientRequest) async throws -> Answer {
    let response = try await client.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 16 << 20)
    return Answer(
      status: response.status.code, text: String(buffer: body),
      contentType: response.headers["Content-Type"].first ?? "", location: response.headers["Location"].first)
  }

  /// The page's form token.
  static func csrf(_ page: String) -> String {
    matches(#"name="csrf" value="([^"]+)""#, page).first?[1] ?? ""
  }

  /// The `#report` rows: unit, ratings, score.
  static func pageRows(_ page: String) -> [[String]] {
    matches(
      #"<td class="unit">([^<]*)</td><td class="total">(\d+)</td>.*?<td class="score">([0-9.]+)</td>"#, page
    ).map { [$0[1].replacingOccurrences(of: "&#x2F;", with: "/"), $0[2], $0[3]] }
  }

  /// The report command's rows: unit, ratings, score.
  static func commandRows(_ output: String) -> [[String]] {
    output.split(separator: "\n").map {
      $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
    }
    .filter { $0.count == 8 && $0[0] != "unit" }.map { [$0[0], $0[1], $0[7]] }
  }

  static func matches(_ pattern: String, _ text: String) -> [[String]] {
    guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
    let whole = NSRange(text.startIndex..., in: text)
    return expression.matches(in: text, range: whole).map { match in
      (0..<match.numberOfRanges).map { index in
        Range(match.range(at: index), in: text).map { String(text[$0]) } ?? ""
      }
    }
  }
}
