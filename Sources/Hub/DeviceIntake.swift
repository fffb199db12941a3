import RecordChain
import Logging
import SyncProtocol

/// One enrolled device at the hub: its chain head and parsed key, loaded from the store once, and
/// the turn its pages take to be linked to that head and stored.
actor DeviceIntake {
  /// Key fingerprint.
  nonisolated let fingerprint: String
  /// The name the hub's configuration gives it.
  nonisolated let name: String
  /// The key its records are signed with.
  nonisolated let key: DevicePublicKey
  private let store: any HubStore
  private let logger: Logger
  /// The last stored record's seq and hash (hex), as the store has them.
  private var lastSeq: Int64
  private var lastHash: String
  /// Why its chain is no longer accepted, if it is not.
  private var problem: String?
  /// The turn a page takes to be linked and stored, in the order pages came.
  private let turn = AsyncTurn()
  /// Pages waiting for the page in front of them.
  private var storeWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
  private var nextWaiterID = 0
  /// How long a page that overtook the one in front of it waits for that one.
  private let overtakenPageWait: Duration

  /// The device as the store has it; refused when its key on file cannot be read.
  init(_ device: EnrolledDevice, store: any HubStore, logger: Logger, overtakenPageWait: Duration)
    throws(IntakeRefusal)
  {
    guard let bytes = Base64.decode(device.card.publicKey),
      let key = try? DevicePublicKey(rawRepresentation: bytes)
    else { throw .storage("device \(device.fingerprint) has no usable public key on file") }
    fingerprint = device.fingerprint
    name = device.name
    self.key = key
    self.store = store
    self.logger = logger
    self.overtakenPageWait = overtakenPageWait
    lastSeq = device.lastSeq
    lastHash = device.lastHash
    problem = device.problem
  }

  /// Stores the records the hub does not have yet, once the first of them is shown to follow the
  /// device's last stored record; returns how far the stored chain reaches, the hash (hex) of its
  /// last record, and what was stored.
  func take(_ records: [StoredRecord], _ checked: [LedgerRecord]) async throws(IntakeRefusal)
    -> (through: Int64, hash: String, stored: [WireRecord])
  {
    let deadline = ContinuousClock.now + overtakenPageWait
    await turn.acquire()
    defer { turn.release() }
    // Another hub instance on the same database may have stored some of these records, or those
    // in front of them: the head is read again before a gap is waited for, and after the store
    // refused to move a head another writer had moved, so the race's loser stores the rest.
    var reloaded = false
    var flagRechecked = false
    while true {
      // Before the flag: a fork's records are kept whenever they come, also after it was flagged.
      try await refuseFork(records, checked)
      if let problem {
        // An operator may have cleared the flag (`ratingpad-hub flag clear`) since it was read.
        guard flagRechecked else {
          flagRechecked = true
          try await reload()
          continue
        }
        throw .chainBroken("device \(fingerprint) is flagged: \(problem)")
      }
      // What the hub has already is acknowledged again and not stored twice.
      guard let start = checked.firstIndex(where: { [lastSeq] in $0.seq > lastSeq }) else {
        return (lastSeq, lastHash, [])
      }
      guard checked[start].seq == lastSeq + 1 else {
        if !reloaded {
          reloaded = true
          try await reload()
          continue
        }
        // A pad sends its next page before the last is answered, so a page may overtake the one
        // in front of it: it waits for that one to be stored rather than being refused at once.
        guard ContinuousClock.now < deadline else {
          throw .gap(expected: lastSeq + 1, got: checked[start].seq)
        }
        turn.release()
        await nextStore(until: deadline)
        await turn.acquire()
        continue
      }
      if try await store(Array(records[start...]), first: checked[start], head: checked[checked.count - 1]) {
        wakeStoreWaiters()
        return (lastSeq, lastHash, records[start...].map(\.record))
      }
      // Another writer of the same database moved the head (or flagged the device) meanwhile.
      try await reload()
    }
  }

  /// Links `first` to the head and stores `fresh` up to `head`; false when the store's head was
  /// no longer the one this actor knew.
  private func store(_ fresh: [StoredRecord], first: LedgerRecord, head: LedgerRecord)
    async throws(IntakeRefusal)
    -> Bool
  {
    guard let previous = Hex.decode(lastHash) else {
      throw .storage("device \(fingerprint) has no usable chain head on file")
    }
    var verifier = ChainVerifier(publicKey: key, afterSeq: lastSeq, previousHash: previous)
    if let problem = verifier.check(first, signature: first.seq == head.seq) {
      throw await broken("\(problem)")
    }
    let headHash = Hex.encode(head.hash)
    do {
      guard try await store.append(fresh, device: fingerprint, from: lastSeq, head: head.seq, hash: headHash)
      else { return false }
    } catch { throw .storage("\(error)") }
    lastSeq = head.seq
    lastHash = headHash
    return true
  }

  /// A record the hub already holds must come again with the very hash it was stored with;
  /// another hash at a stored seq is a fork (a ledger restored from an old backup, or started over
  /// under the same key). The forked records are kept apart, the device is flagged, and the page
  /// is refused, so the pad never counts them as stored.
  private func refuseFork(_ records: [StoredRecord], _ checked: [LedgerRecord]) async throws(IntakeRefusal) {
    guard let first = checked.first, first.seq <= lastSeq else { return }
    let through = min(checked[checked.count - 1].seq, lastSeq)
    let held: [Int64: String]
    do { held = try await store.hashes(device: fingerprint, from: first.seq, through: through) } catch {
      throw .storage("\(error)")
    }
    guard
      let index = checked.firstIndex(where: { record in
        record.seq <= through && held[record.seq].map { $0 != Hex.encode(record.hash) } == true
      })
    else { return }
    let seq = checked[index].seq
    let problem =
      "fork at seq \(seq): the hub holds \(held[seq] ?? ""), the pad sent \(Hex.encode(checked[index].hash))"
    logger.critical("device \(fingerprint): \(problem); \(records.count - index) records kept apart")
    do { try await store.keepFork(Array(records[index...]), device: fingerprint, problem: problem) } catch {
      throw .storage("\(error)")
    }
    self.problem = self.problem ?? problem
    throw .fork("device \(fingerprint): \(problem)")
  }

  /// Flags the device whose chain broke, here and in the store, and says why.
  func broken(_ problem: String) async -> IntakeRefusal {
    logger.critical("device \(fingerprint): \(problem)")
    do { try await flag(problem) } catch {
      logger.error("cannot flag device \(fingerprint): \(error)")
    }
    return .chainBroken(problem)
  }

  /// Stops accepting the device's records, for `problem` (the first problem found is kept).
  func flag(_ problem: String) async throws {
    self.problem = self.problem ?? problem
    try await store.flag(device: fingerprint, problem: problem)
  }

  /// Reads the head and flag again from the store (another hub instance may have moved them).
  private func reload() async throws(IntakeRefusal) {
    let device: EnrolledDevice?
    do { device = try await store.device(fingerprint) } catch { throw .storage("\(error)") }
    guard let device else { throw .unknownDevice(fingerprint) }
    lastSeq = device.lastSeq
    lastHash = device.lastHash
    problem = device.problem
  }

  /// Returns when the device's next page has been stored, or at `deadline`.
  private func nextStore(until deadline: ContinuousClock.Instant) async {
    let id = nextWaiterID
    nextWaiterID += 1
    let timer = Task { [weak self] in
      try? await Task.sleep(until: deadline)
      await self?.wakeStoreWaiter(id: id)
    }
    await withCheckedContinuation { storeWaiters[id] = $0 }
    timer.cancel()
  }

  /// Pages waiting for the page in front of them (for tests).
  var pagesWaiting: Int { storeWaiters.count }

  private func wakeStoreWaiter(id: Int) {
    storeWaiters.removeValue(forKey: id)?.resume()
  }

  private func wakeStoreWaiters() {
    let waiters = storeWaiters
    storeWaiters = [:]
    waiters.values.forEach { $0.resume() }
  }
}
