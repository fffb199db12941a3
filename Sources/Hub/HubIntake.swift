import Foundation
import Logging
import RatingFlow
import RecordChain
import SyncProtocol

/// Takes records from pulls and pushes alike: verifies them against the device's chain and key,
/// stores each exactly once, and says how far the device's verified chain now reaches.
public actor HubIntake {
  private let store: any HubStore
  private let logger: Logger
  private var busy: Set<String> = []
  private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]
  /// Pages waiting for the page in front of them, by device.
  private var storeWaiters: [String: [Int: CheckedContinuation<Void, Never>]] = [:]
  private var nextWaiterID = 0

  /// Takes records into `store`.
  public init(store: any HubStore, logger: Logger) {
    self.store = store
    self.logger = logger
  }

  /// Accepts a page from device `fingerprint`; returns the seq the device may count as acknowledged.
  ///
  /// The records are read and checked against one another first, concurrently with other pages;
  /// only linking the page to what the hub has and storing it take the device's turn.
  public nonisolated func accept(_ page: RecordPage, from fingerprint: String) async throws(IntakeRefusal)
    -> Int64
  {
    guard page.device == fingerprint else {
      throw .wrongDevice("the records are from device \(page.device), but the token is \(fingerprint)'s")
    }
    let device = try await enrolled(fingerprint)
    let checked = try await check(page.records, of: device)
    // Written out here too, so the device's turn is only the link and the store.
    let records = page.records.map { StoredRecord(device: fingerprint, record: $0) }
    return try await take(records, checked, from: device)
  }

  private nonisolated func enrolled(_ fingerprint: String) async throws(IntakeRefusal) -> EnrolledDevice {
    do {
      guard let found = try await store.device(fingerprint) else {
        throw IntakeRefusal.unknownDevice("device \(fingerprint) is not enrolled at this hub")
      }
      return found
    } catch let refusal as IntakeRefusal { throw refusal } catch { throw .storage("\(error)") }
  }

  /// Reads every record and checks that each hash follows from the one before it in the page and
  /// that the last is the device's signature; the first record's link is `take`'s to check.
  private nonisolated func check(_ records: [WireRecord], of device: EnrolledDevice)
    async throws(IntakeRefusal)
    -> [LedgerRecord]
  {
    let key = try publicKey(of: device)
    var ledgerRecords: [LedgerRecord] = []
    ledgerRecords.reserveCapacity(records.count)
    for (index, wire) in records.enumerated() {
      do { ledgerRecords.append(try wire.ledgerRecord()) } catch { throw .malformed(error.description) }
      // A page of thousands is long work: let other pads' pages and requests have the thread too.
      if index % 200 == 199 { await Task.yield() }
    }
    guard let first = ledgerRecords.first else { return [] }
    var verifier = ChainVerifier(publicKey: key, afterSeq: first.seq, previousHash: first.hash)
    for (index, record) in ledgerRecords.enumerated().dropFirst() {
      if let problem = verifier.check(record, signature: index == ledgerRecords.count - 1) {
        throw await broken(device, "\(problem)")
      }
    }
    return ledgerRecords
  }

  /// Stores the records the hub does not have yet, once the first of them is shown to follow the
  /// device's last stored record.
  private func take(_ records: [StoredRecord], _ checked: [LedgerRecord], from device: EnrolledDevice)
    async throws(IntakeRefusal) -> Int64
  {
    let fingerprint = device.fingerprint
    let deadline = ContinuousClock.now + Self.overtakenPageWait
    await acquire(fingerprint)
    defer { release(fingerprint) }
    var device: EnrolledDevice
    var start: Int
    while true {
      // Read again on the device's turn: the page before this one may have just been stored.
      device = try await enrolled(fingerprint)
      if let problem = device.problem { throw .chainBroken("device \(fingerprint) is flagged: \(problem)") }
      // What the hub has already is acknowledged again and not stored twice.
      guard let first = checked.firstIndex(where: { [device] in $0.seq > device.lastSeq }) else {
        return device.lastSeq
      }
      start = first
      if checked[start].seq == device.lastSeq + 1 { break }
      // A pad sends its next page before the last is answered, so a page may overtake the one
      // in front of it: it waits for that one to be stored rather than being refused at once.
      guard ContinuousClock.now < deadline else {
        throw .gap(expected: device.lastSeq + 1, got: checked[start].seq)
      }
      release(fingerprint)
      await nextStore(of: fingerprint, until: deadline)
      await acquire(fingerprint)
    }
    guard let previous = Hex.decode(device.lastHash) else {
      throw .storage("device \(fingerprint) has no usable chain head on file")
    }
    var verifier = ChainVerifier(
      publicKey: try publicKey(of: device), afterSeq: device.lastSeq, previousHash: previous)
    if let problem = verifier.check(checked[start], signature: start == checked.count - 1) {
      throw await broken(device, "\(problem)")
    }
    let fresh = Array(records[start...])
    let head = checked[checked.count - 1]
    do {
      let stored = try await store.append(
        fresh, device: fingerprint, from: device.lastSeq, head: head.seq, hash: Hex.encode(head.hash))
      guard stored else {
        throw IntakeRefusal.storage("device \(fingerprint) changed while storing; try again")
      }
    } catch let refusal as IntakeRefusal { throw refusal } catch { throw .storage("\(error)") }
    announce(fresh.map(\.record), from: device)
    wakeStoreWaiters(of: fingerprint)
    return head.seq
  }

  /// How long a page that overtook the one in front of it waits for that one.
  private static let overtakenPageWait = Duration.seconds(1)

  /// Returns when the next page of `device` has been stored, or at `deadline`.
  private func nextStore(of device: String, until deadline: ContinuousClock.Instant) async {
    let id = nextWaiterID
    nextWaiterID += 1
    let timer = Task { [weak self] in
      try? await Task.sleep(until: deadline)
      await self?.wakeStoreWaiter(of: device, id: id)
    }
    await withCheckedContinuation { storeWaiters[device, default: [:]][id] = $0 }
    timer.cancel()
  }

  /// Pages of `device` waiting for the page in front of them (for tests).
  func pagesWaiting(for device: String) -> Int { storeWaiters[device]?.count ?? 0 }

  private func wakeStoreWaiter(of device: String, id: Int) {
    storeWaiters[device]?.removeValue(forKey: id)?.resume()
  }

  private func wakeStoreWaiters(of device: String) {
    storeWaiters.removeValue(forKey: device)?.values.forEach { $0.resume() }
  }

  /// The device's key, from its enrolment card.
  private nonisolated func publicKey(of device: EnrolledDevice) throws(IntakeRefusal) -> DevicePublicKey {
    guard let bytes = Base64.decode(device.card.publicKey),
      let key = try? DevicePublicKey(rawRepresentation: bytes)
    else { throw .storage("device \(device.fingerprint) has no usable public key on file") }
    return key
  }

  /// Flags the device whose chain broke, and says why.
  private nonisolated func broken(_ device: EnrolledDevice, _ problem: String) async -> IntakeRefusal {
    logger.critical("device \(device.fingerprint): \(problem)")
    do { try await store.flag(device: device.fingerprint, problem: problem) } catch {
      logger.error("cannot flag device \(device.fingerprint): \(error)")
    }
    return .chainBroken(problem)
  }

  /// One log line per stored rating and reasons record, so a person at the hub sees them arrive;
  /// a backlog arriving in bulk gets one line per batch instead, counting its bad ratings (the
  /// report lists each of them with its reasons).
  private func announce(_ records: [WireRecord], from device: EnrolledDevice) {
    guard records.count <= Self.recordsAnnouncedOneByOne else {
      let ratings = records.filter { $0.kind == "rating" }
      let bad = ratings.count { SatisfactionLevel(rawValue: $0.level ?? "")?.isBad == true }
      logger.info(
        "\(device.name) #\(records[0].seq)-#\(records[records.count - 1].seq): \(records.count) records stored, \(ratings.count) ratings, \(bad) of them bad"
      )
      return
    }
    for record in records where record.kind == "rating" || record.kind == "reasons" {
      let transaction =
        record.transaction.map {
          "\($0.number) \($0.serviceItemName.isEmpty ? $0.serviceItemCode : $0.serviceItemName)"
        } ?? ""
      let what =
        record.kind == "rating" ? record.level ?? "" : "reasons " + record.reasons.joined(separator: ",")
      logger.info("\(device.name) #\(record.seq): \(what) \(transaction)")
    }
  }

  /// Live traffic comes a record or two at a time; more than this is a backlog.
  private static let recordsAnnouncedOneByOne = 20

  private func acquire(_ device: String) async {
    if busy.contains(device) {
      await withCheckedContinuation { waiting[device, default: []].append($0) }
    } else {
      busy.insert(device)
    }
  }

  private func release(_ device: String) {
    if var queue = waiting[device], !queue.isEmpty {
      let next = queue.removeFirst()
      waiting[device] = queue
      next.resume()
    } else {
      busy.remove(device)
    }
  }
}

/// Why the hub did not take a page.
public enum IntakeRefusal: Error, Equatable, CustomStringConvertible {
  /// The first new record is not the one after the hub's last (the hub pulls what is missing).
  case gap(expected: Int64, got: Int64)
  /// A record's hash or signature does not verify; the device is flagged.
  case chainBroken(String)
  /// A record cannot be read.
  case malformed(String)
  /// The device is not known here.
  case unknownDevice(String)
  /// The page names another device than the credentials.
  case wrongDevice(String)
  /// The hub's own storage failed.
  case storage(String)

  public var description: String {
    switch self {
    case .gap(let expected, let got): "gap: expected seq \(expected), got seq \(got)"
    case .chainBroken(let text), .malformed(let text), .unknownDevice(let text), .wrongDevice(let text),
      .storage(let text):
      text
    }
  }
}

/// Base64 without Foundation's Data at call sites.
enum Base64 {
  static func decode(_ text: String) -> [UInt8]? {
    guard let data = Data(base64Encoded: text) else { return nil }
    return Array(data)
  }
}
