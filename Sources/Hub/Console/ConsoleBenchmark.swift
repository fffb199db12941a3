import ArgumentParser
import AsyncHTTPClient
import Foundation
import Hummingbird
import Logging
import NIOCore
import SyncProtocol

/// `ratingpad-hub bench console`: how long each console page takes over a city's ratings.
///
/// The store is filled as `bench report` fills it (once), a user of each role is added, the
/// console is served in this process on a loopback port, and each page is fetched `rounds` times
/// over HTTP by a logged-in browser's requests; p50, p95 and the slowest are printed per page.
struct ConsoleBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "console",
    abstract: "Fill a scratch database with a city's ratings (once) and time each console page over HTTP.")
  @OptionGroup var database: HubCommand.DatabaseOption
  @Option(help: "How many pads.") var pads: Int = 1000
  @Option(help: "Ratings per pad (1,000 per pad for 1,000 pads: a million).") var ratingsPerPad: Int = 1000
  @Option(help: "Fetches of each page.") var rounds: Int = 20
  @Option(help: "The month the reports ask for.") var month: String = "2026-11"
  @Option(help: "The quarter the staff report asks for.") var quarter: String = "2026Q4"
  @Option(help: "Only the pages whose path starts so (e.g. /fleet), to profile one.") var only: String?

  /// The bench users' password (they exist only in the scratch database).
  static let password = "bench-password-0123"
  /// The page-time target.
  static let target: Duration = .milliseconds(300)

  func validate() throws {
    guard pads > 0, ratingsPerPad > 0 else {
      throw ValidationError("--pads and --ratings-per-pad must be positive")
    }
    guard (1...1000).contains(rounds) else { throw ValidationError("--rounds must be 1 to 1000") }
    do {
      _ = try ReportPeriod.month(month)
      _ = try ReportPeriod.quarter(quarter)
    } catch { throw ValidationError(error.description) }
  }

  func run() async throws {
    let store = try await database.open()
    let stored = try await BenchmarkFill(pads: pads, ratingsPerPad: ratingsPerPad).prepare(
      store, named: database.database)
    let users = [
      ConsoleUser(name: "bench-admin", displayName: "bench admin", role: .admin),
      ConsoleUser(
        name: "bench-head", displayName: "bench head", role: .departmentHead,
        department: BenchmarkFill.department(ofPad: 0)),
      ConsoleUser(name: "bench-supervisor", displayName: "bench supervisor", role: .supervisor),
      ConsoleUser(name: "bench-auditor", displayName: "bench auditor", role: .auditor),
      ConsoleUser(name: "bench-staff", displayName: "bench staff", role: .staff, staffNumber: "S0-0"),
    ]
    for user in users {
      guard try await store.account(named: user.name) == nil else { continue }
      try await store.addUser(
        user, passwordHash: try PasswordHash.make(Self.password),
        audit: AuditEntry(
          actor: "bench", action: "user_add", subject: user.name, detail: "role \(user.role.rawValue)"))
    }
    let logger = Logger(label: "ratingpad-hub bench console")
    var quiet = logger
    quiet.logLevel = .warning
    let server = ConsoleServer(
      store: store, configuration: ConsoleConfiguration(port: 0),
      live: LiveRatings(store: store, wake: WakeSignal(), logger: quiet), secureCookies: false, logger: quiet)
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let application = Application(
      router: server.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { channel in portSink.yield(channel.localAddress?.port ?? 0) }, logger: quiet)
    let serving = Task { try await application.runService(gracefulShutdownSignals: []) }
    var configuration = HTTPClient.Configuration()
    configuration.redirectConfiguration = .disallow
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    do {
      var iterator = ports.makeAsyncIterator()
      guard let port = await iterator.next(), port > 0 else {
        throw ValidationError("the console did not start")
      }
      let base = "http://127.0.0.1:\(port)"
      print(
        "console pages over \(stored) stored ratings, \(rounds) fetches each, at \(base)"
          + " (load average \(Self.loadAverage())):")
      let admin = try await Self.logIn(client, base: base, user: "bench-admin")
      let head = try await Self.logIn(client, base: base, user: "bench-head")
      // One bad rating's page: the oldest, the queue's first.
      let oldestBad = try await store.followUpQueue(
        filter: FollowUpFilter(limit: 1), calendar: FollowUpCalendar()
      )
      .first?.uuid
      let pages: [(String, String)] =
        [
          (admin, "/"), (admin, "/today/tables"), (admin, "/reports?by=window&month=\(month)"),
          (admin, "/reports?by=staff&quarter=\(quarter)"), (head, "/reports?by=window&month=\(month)"),
          (admin, "/ranking?month=\(month)"), (admin, "/fleet"), (admin, "/audit"), (admin, "/followups"),
          (admin, "/followups?state=all&month=\(month)"), (head, "/followups"), (admin, "/alerts"),
          (admin, "/reports.csv?by=window&month=\(month)"),
          (admin, "/followups.csv?state=all&month=\(month)"),
        ] + (oldestBad.map { [(admin, "/followups/\($0)")] } ?? [])
      for (cookie, path) in pages where path.hasPrefix(only ?? "") {
        var times: [Duration] = []
        var processor: Duration = .zero
        var status: UInt = 0
        var bytes = 0
        for _ in 0..<rounds {
          let start = ContinuousClock.now
          let started = Self.processorTime()
          let response = try await Self.get(client, base + path, cookie: cookie)
          times.append(ContinuousClock.now - start)
          processor += Self.processorTime() - started
          (status, bytes) = (response.status, response.body.readableBytes)
          if status == 404 { break }
        }
        guard status != 404 else {
          print("  \(path): not served here (404), skipped")
          continue
        }
        guard status == 200 else { throw ValidationError("\(path) answered \(status)") }
        times.sort()
        let p95 = times[max(0, Int((Double(times.count) * 0.95).rounded(.up)) - 1)]
        let who = cookie == head ? " (department head)" : ""
        print(
          "  \(path)\(who): p50 \(Self.ms(times[times.count / 2])), p95 \(Self.ms(p95)), max \(Self.ms(times.last!)), "
            + "processor \(Self.ms(processor / times.count)) a fetch, \(bytes) bytes"
            + (p95 > Self.target ? "  OVER the 300 ms target" : ""))
      }
    } catch {
      try? await client.shutdown()
      serving.cancel()
      throw error
    }
    try await client.shutdown()
    serving.cancel()
    _ = try? await serving.value
  }

  /// The processor time this process has used (server and client both: on a loaded machine the
  /// wall-clock times include waiting for a core, this does not).
  private static func processorTime() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
  }

  private static func ms(_ duration: Duration) -> String {
    let milliseconds =
      Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    return String(format: "%.1f ms", milliseconds)
  }

  /// The machine's load average over the last minute, as /proc says it.
  private static func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(
      String.init)
      ?? "?"
  }

  /// Logs `user` in as a browser does; the cookie header of its session.
  static func logIn(_ client: HTTPClient, base: String, user: String, password: String = password)
    async throws
    -> String
  {
    let form = try await get(client, base + "/login", cookie: nil)
    guard let login = cookie(named: LoginRoutes.loginCookie, in: form.setCookies) else {
      throw ValidationError("the login page set no \(LoginRoutes.loginCookie) cookie")
    }
    var request = HTTPClientRequest(url: base + "/login")
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
    request.headers.add(name: "Cookie", value: "\(LoginRoutes.loginCookie)=\(login)")
    request.body = .bytes(ByteBuffer(string: "login_csrf=\(login)&username=\(user)&password=\(password)"))
    let response = try await client.execute(request, timeout: .seconds(30))
    guard response.status.code == 303,
      let session = cookie(named: SessionGate.cookie, in: response.headers["Set-Cookie"])
    else { throw ValidationError("logging in \(user) answered \(response.status.code)") }
    return "\(SessionGate.cookie)=\(session)"
  }

  /// A GET with its body read.
  static func get(_ client: HTTPClient, _ url: String, cookie: String?) async throws -> (
    status: UInt, setCookies: [String], body: ByteBuffer
  ) {
    var request = HTTPClientRequest(url: url)
    if let cookie { request.headers.add(name: "Cookie", value: cookie) }
    let response = try await client.execute(request, timeout: .seconds(60))
    return (
      response.status.code, response.headers["Set-Cookie"], try await response.body.collect(upTo: 64 << 20)
    )
  }

  private static func cookie(named name: String, in setCookies: [String]) -> String? {
    for header in setCookies {
      let pair = header.split(separator: ";").first ?? ""
      if pair.hasPrefix(name + "="), pair.count > name.count + 1 {
        return String(pair.dropFirst(name.count + 1))
      }
    }
    return nil
  }
}
