import Agent
import AsyncHTTPClient
import Foundation
import HubLink
import Ledger
import NIOCore
import RatingModel
import RecordChain
import Synchronization

/// `ratingpad-bench hub`: a city's pads pushing at once into one `ratingpad-hub serve`.
///
/// `pads` ledgers (real keys, real signed chains) are filled with `ratingsPerPad` ratings each; their
/// pages are read and written out before the clock starts, then every pad pushes its pages, one
/// after another, all pads at once over up to `connections` connections. Prints records/s and the
/// push latency under that load, and checks every push was acknowledged through its last record.
struct CityPushBenchmark {
  let pads: Int
  let ratingsPerPad: Int
  let pageSize: Int
  let connections: Int
  /// A SQLite path or postgres://… (a scratch database: the bench's pads stay in it).
  let database: String?
  let hubExecutable: String

  private let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "ratingpad-bench-hub-\(ProcessInfo.processInfo.processIdentifier)"
  ).path

  func run() throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let clock = ContinuousClock()
    let filling = clock.now
    var entries: [String] = []
    var pushes: [[Push]] = []
    for pad in 0..<pads {
      let (entry, padPushes) = try makePad(pad)
      entries.append(entry)
      pushes.append(padPushes)
    }
    print("made \(pads) pads of \(ratingsPerPad) signed ratings in \(clock.now - filling)")
    let config = directory + "/hub.toml"
    let store = database ?? directory + "/hub.sqlite"
    try ("listen = \"127.0.0.1:0\"\ndatabase = \"\(store)\"\n" + entries.joined())
      .write(toFile: config, atomically: true, encoding: .utf8)
    let hub = try BenchHub.start(
      executable: hubExecutable, config: config, directory: directory, database: store)
    defer { hub.stop() }

    let (port, all) = (hub.port, pushes)
    let (elapsed, latencies) = try BlockingTask.run { [connections] in
      try await Self.pushAll(all, port: port, connections: connections)
    }
    let records = pads * ratingsPerPad
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print(
      String(
        format: "%d pads pushing at once (%d connections, pages of %d): %d records in %.1f s, %.0f records/s",
        pads, connections, pageSize, records, seconds, Double(records) / seconds))
    // With every pad's next page in flight at once, a push waits behind the others: its latency is
    // the queue (in flight / throughput), so the figure to watch is the records/s above.
    print(
      "push latency, every pad's page in flight at once: \(Percentiles(latencies))"
        + "  [each push acknowledged through its last record]")
  }

  /// A page to push and the seq it must be acknowledged through.
  struct Push: Sendable {
    let authorization: String
    let body: [UInt8]
    let through: Int64
  }

  /// One pad: its key and ledger, its token file, its `[[pad]]` entry and its pushes, written out.
  private func makePad(_ pad: Int) throws -> (entry: String, pushes: [Push]) {
    let key = try DeviceKey.loadOrCreate(path: directory + "/pad-\(pad).key")
    let ledgerPath = directory + "/pad-\(pad).sqlite"
    let ledger = try LedgerStore.open(path: ledgerPath, deviceKey: key).store
    let ratings = try (0..<ratingsPerPad).map { index in
      LedgerEntry(
        kind: .rating, promptID: "p\(index)", source: "counter",
        transaction: try Transaction(
          number: "BJ-\(pad)-\(index)", serviceItemCode: "ITEM-\(index % 50)",
          staffNumber: "S\(pad)-\(index % 3)",
          window: "\(pad % 20 + 1)"),
        level: SatisfactionLevel.allCases[(index + pad) % 5], channel: .windowPad)
    }
    _ = try ledger.append(ratings, at: .now())
    let token = "bench-pad-\(pad)-token-0123456789"
    let tokenFile = directory + "/pad-\(pad).token"
    try token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokenFile)
    let sync = try SyncLedger(path: ledgerPath, device: key.publicKey.fingerprint)
    let (pageSize, count) = (self.pageSize, ratingsPerPad)
    let pushes = try BlockingTask.run {
      var pushes: [Push] = []
      var after: Int64 = 0
      while after < count {
        let page = try await sync.page(after: after, limit: pageSize)
        guard let last = page.records.last?.seq else { break }
        pushes.append(Push(authorization: "Bearer \(token)", body: page.jsonBytes(), through: last))
        after = last
      }
      return pushes
    }
    let entry = """
      [[pad]]
      name = "bench-\(key.publicKey.fingerprint.prefix(12))-\(pad)"
      token_file = "\(tokenFile)"
      public_key = "\(key.publicKey.base64)"

      """
    return (entry, pushes)
  }

  /// Every pad's pushes, pads at once and each pad's pages in order; how long it all took and
  /// each push's latency.
  private static func pushAll(_ pads: [[Push]], port: Int, connections: Int) async throws
    -> (Duration, [Duration])
  {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    defer { _ = client.shutdown() }
    let clock = ContinuousClock()
    let start = clock.now
    let latencies = try await withThrowingTaskGroup(of: [Duration].self) { group in
      for pushes in pads {
        group.addTask {
          var times: [Duration] = []
          for push in pushes {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/push")
            request.method = .POST
            request.headers.add(name: "Authorization", value: push.authorization)
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: push.body))
            let sent = clock.now
            let response = try await client.execute(request, timeout: .seconds(120))
            let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
            times.append(clock.now - sent)
            guard response.status == .ok, body.contains("\"through\":\(push.through)") else {
              throw BenchFailure("a push answered \(response.status): \(body)")
            }
          }
          return times
        }
      }
      return try await group.reduce(into: []) { $0 += $1 }
    }
    return (clock.now - start, latencies)
  }
}
