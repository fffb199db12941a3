import AsyncHTTPClient
import Foundation
import Hub
import HubLink
import Hummingbird
import HummingbirdCore
import Ledger
import Logging
import NIOCore
import NIOHTTP1
import RatingFlow
import RatingModel
import RecordChain
import ServerGuard
import SyncProtocol
import Synchronization

/// A pad on loopback: a real ledger file with its key, the real API on a free port, a stub desk.
package final class TestPad: @unchecked Sendable {
  package let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "pad-\(UUID().uuidString)"
  )
  .path
  package let key: DeviceKey
  package let writer: LedgerStore
  package let sync: SyncLedger
  package let status = LinkStatus()
  package let metrics = LinkMetrics()
  package let hubToken = try! AccessToken(secret: "hub-secret-0123456789")
  package let counterToken = try! AccessToken(secret: "counter-secret-0123456789")
  package let desk = StubDesk()
  package private(set) var server: PadServer?
  package private(set) var base = ""

  package init() throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    key = try DeviceKey.loadOrCreate(path: directory + "/device.key")
    writer = try LedgerStore.open(path: directory + "/ledger.sqlite", deviceKey: key).store
    sync = try SyncLedger(path: directory + "/ledger.sqlite", device: key.publicKey.fingerprint)
  }

  /// Starts the API; `counterAddresses` decides who may open prompts.
  package func serve(
    counterAddresses: AddressAllowList = .loopback, maximumPage: Int = 1000, tls: TLSFiles? = nil,
    connections: ConnectionLimits = APISettings.defaultConnections
  )
    async throws
  {
    var settings = APISettings(
      host: "127.0.0.1", port: 0, tls: tls, hubToken: hubToken, counterToken: counterToken,
      counterAddresses: counterAddresses)
    settings.maximumPage = maximumPage
    settings.connections = connections
    let api = PadAPI(
      settings: settings, ledger: sync, key: key, card: card, desk: desk, status: status, metrics: metrics)
    let server = try PadServer(api: api, logger: quietLogger)
    self.server = server
    base = "\(tls == nil ? "http" : "https")://127.0.0.1:\(await server.port()!)"
  }

  package var card: DeviceCard {
    DeviceCard(
      fingerprint: key.publicKey.fingerprint, publicKey: key.publicKey.base64, areaCode: "640181",
      department: "灵武市政务服务中心", hall: "灵武市政务服务大厅", window: "3", channel: "window_pad", channelCode: 4,
      software: "test")
  }

  /// Appends `count` ratings (levels in turn) in batches, as the agent would.
  @discardableResult
  package func rate(_ count: Int, batch: Int = 1, startingAt first: Int = 0) throws -> [LedgerRecord] {
    var records: [LedgerRecord] = []
    var index = first
    while index < first + count {
      let entries = (index..<min(first + count, index + batch)).map { Self.rating($0) }
      records += try writer.append(entries, at: .now())
      index += batch
    }
    return records
  }

  package static func rating(_ index: Int) -> LedgerEntry {
    let level = SatisfactionLevel.allCases[index % 5]
    return LedgerEntry(
      kind: .rating, promptID: "prompt-\(index)", source: "counter",
      transaction: try! Transaction(
        number: "BJ-2026-\(index)", serviceItemCode: "11640181MB\(index % 7)", staffNumber: "S\(index % 3)",
        window: "3"),
      level: level, channel: .windowPad)
  }

  package func stop() async { await server?.stop() }

  deinit { try? FileManager.default.removeItem(atPath: directory) }
}

/// The pad's desk, standing in for the event loop: opens prompts, remembers the last one.
package final class StubDesk: PadDesk {
  private let state = Mutex<(open: PromptID?, rated: Set<String>)>((nil, []))

  package init() {}

  package func openPrompt(for transaction: Transaction) async -> Result<PromptID, PromptRefusal> {
    state.withLock { state in
      if state.rated.contains(transaction.number) { return .failure(.alreadyRated(transaction.ratingKey)) }
      let id = PromptID("prompt-for-\(transaction.number)")
      state.open = id
      return .success(id)
    }
  }

  package func markRated(_ number: String) { state.withLock { $0.rated.insert(number) } }

  package func closeAll() async { state.withLock { $0.open = nil } }

  package func isOpen(_ prompt: PromptID) async -> Bool { state.withLock { $0.open == prompt } }

  package func deviceHealth() async -> DeviceHealth {
    DeviceHealth(screen: "headless", touch: "headless", faults: [])
  }

  // The clerk on duty (ClerkAPITests): sign-ins as they reached the desk.
  package let clerks = Mutex<[ClerkSignIn?]>([])

  package func signIn(_ clerk: ClerkSignIn) async throws -> Int64 {
    clerks.withLock {
      $0.append(clerk); return Int64($0.count)
    }
  }

  package func signOut() async throws -> Int64 {
    clerks.withLock {
      $0.append(nil); return Int64($0.count)
    }
  }

  package func clerkOnDuty() async -> ClerkState {
    clerks.withLock { list in
      guard let last = list.last, let clerk = last else { return ClerkState(onDuty: false) }
      return ClerkState(
        onDuty: true, name: clerk.record.name, staffNumber: clerk.record.staffNumber,
        photo: clerk.photo != nil)
    }
  }
}

/// A hub on loopback: the real intake and SQLite store behind a push endpoint that can be told to misbehave.
package final class TestHub: @unchecked Sendable {
  package enum Mode: Sendable, Equatable {
    /// Store and acknowledge.
    case normal
    /// Store, then fail before acknowledging: the hub "died" between the two.
    case storeThenFail
    /// 500 without storing.
    case serverError
    /// 200 with a body that is not an acknowledgement.
    case garbage
    /// Never answer (until the client gives up).
    case silent
    /// Answer one byte a second.
    case trickle
    /// 403: a refusal that will not change by retrying.
    case refuse
    /// Stores, then acknowledges with the hash of another chain's record (a hub mixing chains up).
    case acknowledgeAnotherChain
    /// Stores nothing and acknowledges five records past the page, with no hash (as an older hub
    /// answers): a faulty hub's bare number.
    case acknowledgeUnsent
    /// Stores nothing and acknowledges five records past the page with a made-up hash: a hub
    /// claiming records it was never sent.
    case acknowledgeBeyond
    /// The first batch is held until a batch sent after it has been answered, as when the second
    /// connection overtakes the first.
    case overtaken
  }

  package let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "hub-\(UUID().uuidString)"
  )
  .path
  package let store: SQLHubStore
  package let intake: HubIntake
  package let mode = Mutex(Mode.normal)
  package let requests = Mutex(0)
  /// Whether acknowledgements carry `hub_time_ms`, as the real hub's do; without it the pad has
  /// only the `Date` header.
  package let stampsHubTime = Mutex(true)
  /// Batches refused with 409 because they did not follow on from what the hub has.
  package let gapsRefused = Mutex(0)
  private let laterBatchAnswered = AsyncStream.makeStream(of: Void.self)
  private var task: Task<Void, any Error>?
  package private(set) var pushURL = ""

  package init() throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    store = try SQLHubStore(sqlitePath: directory + "/hub.sqlite")
    intake = HubIntake(store: store, logger: quietLogger)
  }

  /// Enrols `pad` and starts the push endpoint.
  package func start(enrolling pad: TestPad, tls: TLSFiles? = nil) async throws {
    try await start(enrolling: pad.card, tls: tls)
  }

  /// Enrols the device of `card` and starts the push endpoint.
  package func start(enrolling card: DeviceCard, tls: TLSFiles? = nil) async throws {
    try await store.prepare()
    try await store.enrol(card, name: "window-3")
    let router = Router()
    let fingerprint = card.fingerprint
    router.post("v1/push") { [self] request, _ -> Response in
      requests.withLock { $0 += 1 }
      let body = try await request.body.collect(upTo: 64 << 20)
      // The bulk JSON path, as the real hub reads pushes.
      let page = try RecordPage(jsonBytes: Array(buffer: body))
      switch mode.withLock({ $0 }) {
      case .normal:
        return try await acknowledge(page, from: fingerprint)
      case .overtaken:
        if page.records.first?.seq == 1 {
          for await _ in laterBatchAnswered.stream { break }
          return try await acknowledge(page, from: fingerprint)
        }
        defer { laterBatchAnswered.continuation.yield() }
        return try await acknowledge(page, from: fingerprint)
      case .storeThenFail:
        _ = try await intake.accept(page, from: fingerprint)
        return Response(status: .internalServerError)
      case .serverError: return Response(status: .internalServerError)
      case .garbage: return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "<html>oops")))
      case .silent:
        try await Task.sleep(for: .seconds(10))
        return Response(status: .ok)
      case .trickle:
        return Response(
          status: .ok,
          body: ResponseBody { writer in
            for byte in Array("{\"through\":999999}".utf8) {
              try await writer.write(ByteBuffer(bytes: [byte]))
              try await Task.sleep(for: .seconds(1))
            }
            try await writer.finish(nil)
          })
      case .refuse:
        return Response(status: .forbidden, body: .init(byteBuffer: ByteBuffer(string: "not yours")))
      case .acknowledgeAnotherChain:
        let through = try await intake.accept(page, from: fingerprint)
        return Self.json(Acknowledgement(through: through, hash: String(repeating: "ab", count: 32)))
      case .acknowledgeUnsent:
        return Self.json(Acknowledgement(through: (page.records.last?.seq ?? 0) + 5))
      case .acknowledgeBeyond:
        return Self.json(
          Acknowledgement(
            through: (page.records.last?.seq ?? 0) + 5, hash: String(repeating: "cd", count: 32)))
      }
    }
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let server = try tls?.httpsServer(around: .http1()) ?? .http1()
    let application = Application(
      router: router, server: server, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: quietLogger)
    task = Task { try await application.runService(gracefulShutdownSignals: []) }
    for await port in ports {
      pushURL = "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)/v1/push"
      break
    }
  }

  /// Stores through the intake as the real hub does, answering a gap with 409 as it does.
  private func acknowledge(_ page: RecordPage, from fingerprint: String) async throws -> Response {
    do {
      let received = UnixMilliseconds.now()
      var answer = try await intake.acknowledge(page, from: fingerprint)
      guard stampsHubTime.withLock({ $0 }) else { return Self.json(answer) }
      answer.hubTimeMilliseconds = UnixMilliseconds.now()
      answer.hubReceivedMilliseconds = received
      return Self.json(answer)
    } catch let refusal {
      guard case .gap = refusal else { throw refusal }
      gapsRefused.withLock { $0 += 1 }
      return Response(status: .conflict, body: .init(byteBuffer: ByteBuffer(string: "\(refusal)")))
    }
  }

  package static func json<T: Encodable>(_ value: T) -> Response {
    Response(
      status: .ok, headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(data: try! WireCoding.encoder().encode(value))))
  }

  /// Every stored seq for the device, in order.
  package func storedSeqs() async throws -> [Int64] {
    try await store.records(kinds: LedgerKind.allCases.map(\.rawValue)).map(\.record.seq)
  }

  package func stop() async {
    task?.cancel()
    _ = await task?.result
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }
}

/// A hub-side HTTP client for pulls, against the real API.
package struct HubClient {
  package let base: String
  package let token: String

  package init(base: String, token: String) {
    self.base = base
    self.token = token
  }

  package func get(_ path: String, token: String? = nil) async throws -> (status: Int, body: String) {
    var request = HTTPClientRequest(url: base + path)
    request.headers.add(name: "Authorization", value: "Bearer " + (token ?? self.token))
    return try await send(request)
  }

  package func post(_ path: String, _ json: String, token: String? = nil) async throws -> (
    status: Int, body: String
  ) {
    try await send(.POST, path, json, token: token)
  }

  package func put(_ path: String, _ json: String, token: String? = nil) async throws -> (
    status: Int, body: String
  ) {
    try await send(.PUT, path, json, token: token)
  }

  private func send(_ method: NIOHTTP1.HTTPMethod, _ path: String, _ json: String, token: String?)
    async throws -> (
      status: Int, body: String
    )
  {
    var request = HTTPClientRequest(url: base + path)
    request.method = method
    request.headers.add(name: "Authorization", value: "Bearer " + (token ?? self.token))
    request.body = .bytes(ByteBuffer(string: json))
    return try await send(request)
  }

  private func send(_ request: HTTPClientRequest) async throws -> (status: Int, body: String) {
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 64 << 20)
    return (Int(response.status.code), String(buffer: body))
  }
}

/// Waits until `condition` holds, checking after each short pause; fails after `limit`.
package func eventually(
  within limit: Duration = .seconds(60), _ what: String, _ condition: () async throws -> Bool
) async throws {
  let clock = ContinuousClock()
  let deadline = clock.now + limit
  while clock.now < deadline {
    if try await condition() { return }
    try await Task.sleep(for: .milliseconds(20))
  }
  throw TimedOut(what: what)
}

package struct TimedOut: Error, CustomStringConvertible {
  package let what: String
  package init(what: String) { self.what = what }
  package var description: String { "timed out waiting for \(what)" }
}

/// Tests log only what would matter in the field.
package let quietLogger: Logger = {
  var logger = Logger(label: "test")
  logger.logLevel = .critical
  return logger
}()

/// Ledger entries the way the agent writes them.
package enum LedgerEntryFixture {
  package static func rating(prompt: String, level: SatisfactionLevel) -> LedgerEntry {
    LedgerEntry(
      kind: .rating, promptID: prompt, source: "counter",
      transaction: try! Transaction(number: "BJ-2026-0001", serviceItemCode: "11640181MB01"), level: level,
      channel: .windowPad)
  }
}
