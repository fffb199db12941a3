import Agent
import AsyncHTTPClient
import Foundation
import Ledger
import RatingFlow
import RatingModel
import RecordChain
import SQLite
import Synchronization

/// `ratingpad-bench sync`: real processes on loopback. A ledger is filled with buffered ratings,
/// then the agent (`ratingpad run --headless`) pushes them to the reference hub
/// (`ratingpad-hub serve`); the drain, the hub's page pulls from the agent's API, and the agent's
/// peak RSS are measured from outside both processes.
struct SyncBenchmark {
  let count: Int
  let pulls: Int
  let pageSize: Int
  let batchSize: Int
  let hubExecutable: String
  /// The agent (`ratingpad`) that pushes.
  let agentExecutable: String

  private let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "ratingpad-bench-sync-\(ProcessInfo.processInfo.processIdentifier)"
  ).path
  private static let token = "bench-token-0123456789abcdef"

  func run() throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let paths = StatePaths(stateDirectory: directory + "/pad")
    try FileManager.default.createDirectory(atPath: paths.stateDirectory, withIntermediateDirectories: true)
    try fill(paths)

    let tokenFile = directory + "/hub.token"
    try Self.token.write(toFile: tokenFile, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: tokenFile)
    let key = try DeviceKey.load(path: paths.deviceKey)
    let hub = try startHub(tokenFile: tokenFile, publicKey: key.publicKey.base64)
    defer { hub.stop() }

    let apiPort = try LoopbackPort.free()
    let agentConfig = directory + "/pad.toml"
    try padConfiguration(paths: paths, apiPort: apiPort, hubPort: hub.port, tokenFile: tokenFile)
      .write(toFile: agentConfig, atomically: true, encoding: .utf8)
    let clock = ContinuousClock()
    let started = clock.now
    let agent = try ChildProcess(
      executable: agentExecutable,
      arguments: ["run", "--headless", "--config", agentConfig],
      log: directory + "/agent.log")
    defer { agent.stop() }

    // Drain: the agent pushes; its acknowledged cursor (in its own ledger file) says how far.
    let reader = try LedgerStore.openForReading(path: paths.ledger)
    var firstAcknowledged: ContinuousClock.Instant?
    while try reader.acknowledgedThrough() < reader.head().seq {
      guard agent.isRunning else { throw BenchFailure("the agent stopped: \(agent.logTail())") }
      if firstAcknowledged == nil, try reader.acknowledgedThrough() > 0 { firstAcknowledged = clock.now }
      Thread.sleep(forTimeInterval: 0.005)
    }
    let drain = clock.now - started
    let rssAfterDrain = agent.peakResidentKilobytes()
    let stored = try hub.storedRecords()
    guard stored >= count else { throw BenchFailure("the hub holds \(stored) records, expected \(count)") }
    let seconds = Double(drain.components.seconds) + Double(drain.components.attoseconds) / 1e18
    print(
      String(
        format:
          "drain %d buffered ratings pad -> hub (push, batches of %d): %.1f s, %.0f records/s  [target >= 20000/s]",
        count, batchSize, seconds, Double(count) / seconds))
    print("hub stored \(stored) records (the agent's boot record included), each once")
    if let firstAcknowledged {
      let start = firstAcknowledged - started
      let milliseconds = Double(start.components.seconds) * 1000 + Double(start.components.attoseconds) / 1e15
      print(
        String(
          format: "  of that, starting the agent until its first batch is acknowledged: %.0f ms", milliseconds
        ))
    }
    // The pad keeps two batches on their way; one that reaches the hub before its predecessor
    // is refused for the gap and sent again, which costs a round trip.
    print("batches sent again after overtaking the one before: \(agent.logLines(containing: "sent ahead"))")

    let latencies = try pagePulls(port: apiPort)
    print(
      "page pull of \(pageSize) records (GET /v1/records, \(pulls) pulls): \(latencies)  [target p99 < 50 ms]"
    )
    let peak = max(rssAfterDrain, agent.peakResidentKilobytes())
    print(String(format: "agent peak RSS while syncing: %.1f MB  [target < 40 MB]", Double(peak) / 1024))
    // Where it is: the program's own data, or pages of its code and shared libraries.
    print(
      String(
        format: "  resident now: %.1f MB anonymous, %.1f MB file-backed (program text and shared libraries)",
        Double(agent.statusKilobytes("RssAnon")) / 1024, Double(agent.statusKilobytes("RssFile")) / 1024))
  }

  /// Buffers `count` ratings, committed in batches so the fill itself does not dominate.
  private func fill(_ paths: StatePaths) throws {
    let key = try DeviceKey.loadOrCreate(path: paths.deviceKey)
    let store = try LedgerStore.open(path: paths.ledger, deviceKey: key).store
    var index = 0
    while index < count {
      let batch = try (index..<min(count, index + 1000)).map(Self.rating)
      _ = try store.append(batch, at: .now())
      index += batch.count
    }
  }

  private static func rating(_ index: Int) throws -> LedgerEntry {
    LedgerEntry(
      kind: .rating, promptID: "bench-\(index)", source: "counter",
      transaction: try Transaction(
        number: "BENCH-\(index)", serviceItemCode: "11640181MB000\(index % 7)", staffNumber: "S\(index % 3)",
        window: "1"),
      level: SatisfactionLevel.allCases[index % 5], channel: .windowPad)
  }

  private func padConfiguration(paths: StatePaths, apiPort: Int, hubPort: Int, tokenFile: String) -> String {
    """
    [device]
    area_code = "640181"
    department = "基准测试"
    hall = "基准测试大厅"
    window = "1"
    [clerk]
    name = "基准"
    staff_number = "B0001"
    [ledger]
    state_directory = "\(paths.stateDirectory)"
    [api]
    listen = "127.0.0.1:\(apiPort)"
    hub_token_file = "\(tokenFile)"
    [push]
    url = "http://127.0.0.1:\(hubPort)/v1/push"
    token_file = "\(tokenFile)"
    batch_size = \(batchSize)

    """
  }

  private func startHub(tokenFile: String, publicKey: String) throws -> BenchHub {
    let config = directory + "/hub.toml"
    try """
    listen = "127.0.0.1:0"
    database = "\(directory)/hub.sqlite"
    [[pad]]
    name = "bench"
    token_file = "\(tokenFile)"
    public_key = "\(publicKey)"

    """.write(toFile: config, atomically: true, encoding: .utf8)
    return try BenchHub.start(
      executable: hubExecutable, config: config, directory: directory, database: directory + "/hub.sqlite")
  }

  /// Pulls full pages from random cursors, as the hub does, and times each exchange.
  private func pagePulls(port: Int) throws -> Percentiles {
    let count = self.count
    let (pulls, pageSize) = (self.pulls, self.pageSize)
    let durations = try BlockingTask.run { () async throws -> [Duration] in
      var durations: [Duration] = []
      var generator = SystemRandomNumberGenerator()
      for _ in 0..<pulls {
        let after = Int.random(in: 0...(count - pageSize), using: &generator)
        var request = HTTPClientRequest(
          url: "http://127.0.0.1:\(port)/v1/records?after=\(after)&limit=\(pageSize)")
        request.headers.add(name: "Authorization", value: "Bearer \(Self.token)")
        let start = ContinuousClock.now
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 64 << 20)
        durations.append(ContinuousClock.now - start)
        guard response.status == .ok, body.readableBytes > pageSize * 100 else {
          throw BenchFailure("GET /v1/records answered \(response.status) with \(body.readableBytes) bytes")
        }
      }
      return durations
    }
    return Percentiles(durations)
  }
}

/// A benchmark that could not produce its figures, and why.
struct BenchFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
