import Crypto
import Foundation
import RatingModel
import RecordChain
import SQLite

/// The append-only ledger file: one writer (the agent's loop) and any number of readers.
///
/// Appends commit in WAL mode with `synchronous=FULL`, so `append` returns only once the record
/// is on disk. Readers (the hub link, `export`, `status`) use their own read-only connections,
/// which in WAL mode never block a rating commit.
public final class LedgerStore {
  let connection: SQLiteConnection
  private let key: DeviceKey?
  /// The file this ledger lives in.
  public let path: String

  init(connection: SQLiteConnection, key: DeviceKey?) {
    self.connection = connection
    self.key = key
    self.path = connection.path
  }

  // MARK: Opening

  /// Opens the ledger for writing: checks its integrity, migrates it, and sets a corrupt file
  /// aside (db, -wal and -shm together) to start afresh with a `ledger_reset` record.
  public static func open(path: String, deviceKey: DeviceKey, at time: RecordTime = .now())
    throws(LedgerError)
    -> LedgerOpening
  {
    do {
      return LedgerOpening(
        store: try openChecked(path: path, key: deviceKey), setAside: nil, key: deviceKey, handover: nil)
    } catch CorruptLedger.found(let problem) {
      return try resetCorrupt(path: path, key: deviceKey, problem: problem, time: time)
    } catch {
      throw classify(error)
    }
  }

  /// Opens an existing ledger read-only, for sync, export, status and verify.
  public static func openForReading(path: String) throws(LedgerError) -> LedgerStore {
    do {
      guard FileManager.default.fileExists(atPath: path) else {
        throw SQLiteError(code: 14, message: "no ledger at this path", path: path)
      }
      let connection = try SQLiteConnection(path: path, readOnly: true)
      try connection.execute("PRAGMA busy_timeout = 5000")
      try checkVersion(connection)
      return LedgerStore(connection: connection, key: nil)
    } catch {
      throw classify(error)
    }
  }

  /// Opens an existing ledger for the hub link: it reads records and moves the acknowledgement
  /// cursor, and never appends (it holds no key). Its writes wait for the agent's commits.
  public static func openForSync(path: String) throws(LedgerError) -> LedgerStore {
    do {
      guard FileManager.default.fileExists(atPath: path) else {
        throw SQLiteError(code: 14, message: "no ledger at this path", path: path)
      }
      let connection = try SQLiteConnection(path: path)
      try connection.execute("PRAGMA busy_timeout = 5000")
      try connection.execute("PRAGMA synchronous = FULL")
      try checkVersion(connection)
      return LedgerStore(connection: connection, key: nil)
    } catch {
      throw classify(error)
    }
  }

  /// How many records the ledger at `path` has ever held (its head seq: pruning keeps the
  /// anchor): 0 for no file or an empty one, -1 when it cannot be read (then it may hold some).
  public static func recordsEverWritten(path: String) -> Int64 {
    // No file, or one a power cut left empty before its first record.
    guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > 0
    else {
      return 0
    }
    guard let store = try? openForReading(path: path), let head = try? store.head() else { return -1 }
    return head.seq
  }

  /// Replaces a lost device key on purpose (`ratingpad rekey`): sets the ledger its records were
  /// signed with aside (db, -wal and -shm, as a corrupt one is), makes a new key atomically, and
  /// starts a new ledger whose first record, `ledger_reset`, says so. Refused while the key loads.
  public static func rekey(path: String, keyPath: String, at time: RecordTime = .now()) throws(LedgerError)
    -> Rekeying
  {
    if case .present = DeviceKey.keyFile(at: keyPath), (try? DeviceKey.load(path: keyPath)) != nil {
      throw .deviceKey(path: keyPath, problem: "loads and signs; only a lost key is replaced")
    }
    let records = recordsEverWritten(path: path)
    let acknowledged = (try? openForReading(path: path).acknowledgedThrough()) ?? 0
    do {
      let kept = "\(path).lost-key-\(time.wallMilliseconds)"
      for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
        try FileManager.default.moveItem(atPath: path + suffix, toPath: kept + suffix)
      }
      let key = try DeviceKey.create(path: keyPath)
      let store = try openChecked(path: path, key: key)
      let detail =
        "the device key was lost and replaced (ratingpad rekey); the ledger it signed "
        + "(\(records < 0 ? "unreadable" : "seq 1…\(records)"), acknowledged through seq \(acknowledged)) "
        + "is kept as \(kept); new key \(key.publicKey.fingerprint)"
      let record = try store.append(.device(.ledgerReset, detail: detail), at: time)
      return Rekeying(store: store, key: key, setAside: kept, record: record)
    } catch {
      throw classify(error)
    }
  }

  enum CorruptLedger: Error { case found(String) }

  static func openChecked(path: String, key: DeviceKey) throws -> LedgerStore {
    let connection: SQLiteConnection
    do {
      connection = try SQLiteConnection(path: path)
      try connection.execute("PRAGMA busy_timeout = 5000")
      let check = try connection.scalar("PRAGMA quick_check")?.text ?? "no answer"
      guard check == "ok" else { throw CorruptLedger.found(check) }
    } catch let error as SQLiteError where error.isCorrupt {
      throw CorruptLedger.found(error.message)
    }
    try connection.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;")
    try migrate(connection)
    return LedgerStore(connection: connection, key: key)
  }

  private static func resetCorrupt(path: String, key: DeviceKey, problem: String, time: RecordTime)
    throws(LedgerError) -> LedgerOpening
  {
    do {
      let kept = try setAsideCorrupt(path: path, time: time)
      let store = try openChecked(path: path, key: key)
      try store.append(.device(.ledgerReset, detail: corruptDetail(problem, kept: kept)), at: time)
      return LedgerOpening(store: store, setAside: kept, key: key, handover: nil)
    } catch {
      throw classify(error)
    }
  }

  /// Moves a corrupt ledger (db, -wal and -shm together) aside; returns where it is kept.
  static func setAsideCorrupt(path: String, time: RecordTime) throws -> String {
    let kept = "\(path).corrupt-\(time.wallMilliseconds)"
    for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
      try FileManager.default.moveItem(atPath: path + suffix, toPath: kept + suffix)
    }
    return kept
  }

  /// What the `ledger_reset` record says of a corrupt ledger set aside.
  static func corruptDetail(_ problem: String, kept: String) -> String {
    "the ledger failed its integrity check (\(problem)); the damaged file is kept as \(kept)"
  }

  private static func checkVersion(_ connection: SQLiteConnection) throws {
    let version = try connection.scalar("PRAGMA user_version")?.integer ?? 0
    guard version <= LedgerSchema.current else {
      throw LedgerError.newerSchema(path: connection.path, found: version, supported: LedgerSchema.current)
    }
  }

  private static func migrate(_ connection: SQLiteConnection) throws {
    try checkVersion(connection)
    let version = try connection.scalar("PRAGMA user_version")?.integer ?? 0
    for (index, migration) in LedgerSchema.migrations.enumerated().dropFirst(Int(version)) {
      try connection.transaction {
        try connection.execute(migration)
        try connection.execute("PRAGMA user_version = \(index + 1)")
      }
    }
  }

  static func classify(_ error: any Error) -> LedgerError {
    switch error {
    case let error as LedgerError: error
    case let error as SQLiteError: LedgerError.wrap(error)
    case CorruptLedger.found(let problem): .storage(SQLiteError(code: 11, message: problem, path: ""))
    default: .storage(SQLiteError(code: 1, message: "\(error)", path: ""))
    }
  }

  // MARK: Writing

  /// Appends one record; returns once it is on disk.
  @discardableResult
  public func append(_ entry: LedgerEntry, at time: RecordTime) throws(LedgerError) -> LedgerRecord {
    try append([entry], at: time)[0]
  }

  /// Appends records in one transaction: all are on disk when this returns, or none is.
  @discardableResult
  public func append(_ entries: [LedgerEntry], at time: RecordTime) throws(LedgerError) -> [LedgerRecord] {
    guard let key else { preconditionFailure("append on a ledger opened for reading") }
    do {
      return try retrying {
        try connection.transaction {
          var (seq, previous) = try head()
          let boot = try rowID(in: "boots", ["boot_id"], [.text(time.bootID)])
          let insert = try connection.prepare(
            "INSERT INTO records (\(LedgerSchema.columns)) VALUES (\(Array(repeating: "?", count: 21).joined(separator: ",")))"
          )
          var written: [LedgerRecord] = []
          for entry in entries {
            seq += 1
            let uuid = UUID().uuidString.lowercased()
            let encoding = CanonicalEncoding.encode(seq: seq, uuid: uuid, time: time, entry: entry)
            let hash = CanonicalEncoding.chainHash(previous: previous, encoding: encoding)
            let record = LedgerRecord(
              seq: seq, uuid: uuid, time: time, entry: entry, hash: hash, signature: try key.sign(hash))
            let origin = RecordRow.origin(entry)
            try insert.run(
              RecordRow.values(
                record, boot: boot, origin: try rowID(in: "origins", origin.columns, origin.values)))
            written.append(record)
            previous = hash
          }
          return written
        }
      }
    } catch {
      throw Self.classify(error)
    }
  }

  /// Waits before each new try of a write that failed transiently (`SQLiteError.isTransient`);
  /// then the failure stands. Short, since the pad's one thread waits: about 1 s in all.
  static let retryDelays: [Duration] = [
    .milliseconds(20), .milliseconds(100), .milliseconds(300), .milliseconds(600),
  ]

  /// Runs `body`, again after each of `retryDelays` while it fails transiently. Each try is a
  /// whole transaction, so a failed one left nothing behind.
  private func retrying<T>(_ body: () throws -> T) throws -> T {
    for delay in Self.retryDelays {
      do { return try body() } catch let error as SQLiteError where error.isTransient {
        Thread.sleep(
          forTimeInterval: Double(delay.components.attoseconds) / 1e18 + Double(delay.components.seconds))
      }
    }
    return try body()
  }

  /// How long SQLite itself waits for another connection's lock before a write fails busy.
  func setBusyTimeout(milliseconds: Int) throws {
    try connection.execute("PRAGMA busy_timeout = \(milliseconds)")
  }

  /// The id of the row of `table` holding exactly `values`, added if there is none yet.
  private func rowID(in table: String, _ columns: [String], _ values: [SQLiteValue]) throws -> Int64 {
    let match = columns.map { "\($0) IS ?" }.joined(separator: " AND ")
    if let id = try connection.scalar("SELECT id FROM \(table) WHERE \(match)", values)?.integer { return id }
    let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ",")
    try connection.prepare(
      "INSERT INTO \(table) (\(columns.joined(separator: ","))) VALUES (\(placeholders))"
    )
    .run(values)
    return try connection.scalar("SELECT last_insert_rowid()")?.integer ?? 0
  }

  /// The hub has everything up to `seq`: idempotent, never moves backwards, never past the head.
  public func acknowledge(through seq: Int64) throws(LedgerError) {
    do {
      try connection.transaction {
        let head = try self.head().seq
        guard seq <= head else { throw LedgerError.acknowledgementBeyondHead(requested: seq, head: head) }
        guard seq > (try acknowledgedThroughValue()) else { return }
        try connection.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('acknowledged_through', ?)")
          .run([.integer(seq)])
      }
    } catch {
      throw Self.classify(error)
    }
  }

  /// Deletes records the hub acknowledged that are older than `retention`; never an unacknowledged one.
  ///
  /// Only a leading run is deleted, and the last deleted record's hash is kept as the chain's anchor,
  /// so the records that remain still verify.
  @discardableResult
  public func prune(now: RecordTime, retention: Duration) throws(LedgerError) -> Int {
    let cutoff = now.wallMilliseconds - Int64(retention.components.seconds) * 1000
    do {
      return try connection.transaction {
        let acknowledged = try acknowledgedThroughValue()
        let firstYoung =
          try connection.scalar(
            "SELECT min(seq) FROM records WHERE wall_ms >= ?", [.integer(cutoff)])?.integer ?? Int64.max
        let last = min(acknowledged, firstYoung - 1)
        guard
          let anchor = try connection.scalar("SELECT hash FROM records WHERE seq = ?", [.integer(last)])?.blob
        else { return 0 }
        let before = try connection.scalar("SELECT count(*) FROM records WHERE seq <= ?", [.integer(last)])?
          .integer
        try connection.prepare("DELETE FROM records WHERE seq <= ?").run([.integer(last)])
        try connection.prepare(
          "INSERT OR REPLACE INTO meta (key, value) VALUES ('anchor_seq', ?), ('anchor_hash', ?)"
        )
        .run([.integer(last), .blob(anchor)])
        return Int(before ?? 0)
      }
    } catch {
      throw Self.classify(error)
    }
  }

  /// Folds the WAL into the database and returns the database's size in bytes.
  public func checkpointedSize() throws -> Int64 {
    try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    let pages = try connection.scalar("PRAGMA page_count")?.integer ?? 0
    let size = try connection.scalar("PRAGMA page_size")?.integer ?? 0
    return pages * size
  }

  // MARK: Reading

  /// Up to `limit` records with seq greater than `after`, in order.
  public func records(after seq: Int64, limit: Int) throws(LedgerError) -> [LedgerRecord] {
    do {
      let statement = try connection.prepare(
        "SELECT \(LedgerSchema.selection) WHERE r.seq > ? ORDER BY r.seq LIMIT ?")
      try statement.bind([.integer(seq), .integer(Int64(limit))])
      var result: [LedgerRecord] = []
      while try statement.step() { result.append(try RecordRow.record(from: statement)) }
      return result
    } catch {
      throw Self.classify(error)
    }
  }

  /// Every record still on the device, in order.
  public func allRecords() throws(LedgerError) -> [LedgerRecord] {
    try records(after: 0, limit: Int(Int32.max))
  }

  /// Whether this transaction was already rated at this stage (一事一评), also across restarts.
  public func hasRating(for key: RatingKey) throws(LedgerError) -> Bool {
    do {
      return try connection.scalar(
        "SELECT 1 FROM records WHERE kind = 'rating' AND transaction_number = ? AND stage = ? LIMIT 1",
        [.text(key.transactionNumber), .text(key.stage.rawValue)]) != nil
    } catch {
      throw Self.classify(error)
    }
  }

  /// What became of a prompt: the kind of the last rating, expiry or supersession record naming
  /// it, or nil when the ledger has none (still open, or never opened on this device).
  public func promptOutcome(_ promptID: String) throws(LedgerError) -> LedgerKind? {
    do {
      let kind = try connection.scalar(
        """
        SELECT kind FROM records WHERE prompt_id = ?
          AND kind IN ('rating', 'prompt_expired', 'prompt_superseded', 'prompt_not_shown') ORDER BY seq DESC LIMIT 1
        """, [RecordRow.compactID(promptID)])?.text
      return kind.flatMap(LedgerKind.init(rawValue:))
    } catch {
      throw Self.classify(error)
    }
  }

  /// The kind and detail of the last record of one of `kinds` (e.g. the last clerk sign-in or
  /// sign-out), or nil when the ledger has none.
  public func lastRecord(of kinds: [LedgerKind]) throws(LedgerError) -> (kind: LedgerKind, detail: String?)? {
    do {
      let marks = kinds.map { _ in "?" }.joined(separator: ", ")
      let statement = try connection.prepare(
        "SELECT kind, detail FROM records WHERE kind IN (\(marks)) ORDER BY seq DESC LIMIT 1")
      try statement.bind(kinds.map { .text($0.rawValue) })
      guard try statement.step(), let kind = statement.value(at: 0).text.flatMap(LedgerKind.init(rawValue:))
      else { return nil }
      return (kind, statement.value(at: 1).text)
    } catch {
      throw Self.classify(error)
    }
  }

  /// The last record's seq and hash (the anchor, or zero, when none is left).
  public func head() throws(LedgerError) -> (seq: Int64, hash: [UInt8]) {
    do { return try headValue() } catch { throw Self.classify(error) }
  }

  private func headValue() throws -> (seq: Int64, hash: [UInt8]) {
    let statement = try connection.prepare("SELECT seq, hash FROM records ORDER BY seq DESC LIMIT 1")
    if try statement.step() {
      return (statement.value(at: 0).integer ?? 0, statement.value(at: 1).blob ?? [])
    }
    return try anchor()
  }

  /// Where the chain on the device starts: the last pruned record, or the genesis.
  func anchor() throws -> (seq: Int64, hash: [UInt8]) {
    let seq = try connection.scalar("SELECT value FROM meta WHERE key = 'anchor_seq'")?.integer ?? 0
    let hash = try connection.scalar("SELECT value FROM meta WHERE key = 'anchor_hash'")?.blob
    return (seq, hash ?? ChainVerifier.genesis)
  }

  /// The time of the last record written with a known wall clock, if any: the newest time the
  /// pad has seen, from which `ClockTrust` decides at boot.
  public func lastKnownTime() throws(LedgerError) -> RecordTime? {
    do {
      let statement = try connection.prepare(
        """
        SELECT r.wall_ms, r.utc_offset, b.boot_id, r.mono_ns FROM records r JOIN boots b ON b.id = r.boot
        WHERE r.clock_known = 1 ORDER BY r.seq DESC LIMIT 1
        """)
      guard try statement.step() else { return nil }
      return RecordTime(
        wallMilliseconds: statement.value(at: 0).integer ?? 0,
        utcOffsetSeconds: Int32(truncatingIfNeeded: statement.value(at: 1).integer ?? 0),
        bootID: statement.value(at: 2).text ?? "", monotonicNanoseconds: statement.value(at: 3).integer ?? 0,
        clockKnown: true)
    } catch {
      throw Self.classify(error)
    }
  }

  /// The hub's acknowledgement cursor.
  public func acknowledgedThrough() throws(LedgerError) -> Int64 {
    do { return try acknowledgedThroughValue() } catch { throw Self.classify(error) }
  }

  private func acknowledgedThroughValue() throws -> Int64 {
    try connection.scalar("SELECT value FROM meta WHERE key = 'acknowledged_through'")?.integer ?? 0
  }

  /// Figures for `status` and the health report.
  public func status() throws(LedgerError) -> LedgerStatus {
    do {
      let (headSeq, headHash) = try head()
      let acknowledged = try acknowledgedThroughValue()
      let backlog = try connection.scalar(
        "SELECT count(*) FROM records WHERE seq > ?", [.integer(acknowledged)])
      let oldest = try connection.scalar(
        "SELECT wall_ms FROM records WHERE seq > ? ORDER BY seq LIMIT 1", [.integer(acknowledged)])
      let statement = try connection.prepare(
        "SELECT coalesce(kind || ':' || level, kind), count(*) FROM records GROUP BY 1 ORDER BY 1")
      var counts: [String: Int] = [:]
      while try statement.step() {
        counts[statement.value(at: 0).text ?? "?"] = Int(statement.value(at: 1).integer ?? 0)
      }
      return LedgerStatus(
        headSeq: headSeq, headHash: headHash, acknowledgedThrough: acknowledged,
        backlog: Int(backlog?.integer ?? 0),
        oldestUnacknowledgedWallMilliseconds: oldest?.integer, countsByKind: counts)
    } catch {
      throw Self.classify(error)
    }
  }

  /// Checks every record left on the device against `publicKey`, from the anchor on.
  public func verify(publicKey: DevicePublicKey) throws(LedgerError) -> VerificationReport {
    do {
      let start = try anchor()
      let statement = try connection.prepare("SELECT \(LedgerSchema.selection) ORDER BY r.seq")
      var verifier = ChainVerifier(publicKey: publicKey, afterSeq: start.seq, previousHash: start.hash)
      while try statement.step() {
        do {
          if let problem = verifier.check(try RecordRow.record(from: statement)) { return problem }
        } catch {
          if case .malformedRecord(let seq, let problem) = error {
            return .broken(seq: seq, problem: "cannot be read: \(problem)", verified: verifier.verified)
          }
          throw error
        }
      }
      return .intact(count: verifier.verified, head: verifier.lastSeq)
    } catch {
      throw Self.classify(error)
    }
  }
}

/// What `open` found: the store, and the file set aside if the old one was corrupt (a loud fault).
public struct LedgerOpening {
  /// The ledger, ready for appends.
  public let store: LedgerStore
  /// Where a corrupt ledger was moved, if one was.
  public let setAside: String?
  /// The key the ledger is signed with: a new one when the ledger started over.
  public let key: DeviceKey
  /// The handover from the old key to `key`, when the ledger started over under a new key.
  public let handover: KeyHandover?
}

extension LedgerStore {
  /// A second writer on the same file whose database may not grow past `pages`, for disk-full tests.
  static func capForTesting(_ store: LedgerStore, pages: Int) throws -> LedgerStore {
    let connection = try SQLiteConnection(path: store.path)
    try connection.execute(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA max_page_count = \(pages);")
    return LedgerStore(connection: connection, key: store.key)
  }
}

extension LedgerStore {
  /// Runs `body` inside one read transaction, as a slow hub pull would.
  func holdReadTransactionForTesting(_ body: () throws -> Void) throws {
    try connection.execute("BEGIN")
    defer { try? connection.execute("COMMIT") }
    _ = try connection.scalar("SELECT count(*) FROM records")
    try body()
  }
}
