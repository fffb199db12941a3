import Foundation
import Logging
import RatingModel
import RecordChain
import SyncProtocol

/// Takes records from pulls and pushes alike: verifies them against the device's chain and key,
/// stores each exactly once, and says how far the device's verified chain now reaches.
///
/// Each device is a `DeviceIntake`, read from the store the first time a page comes for it and
/// found by its fingerprint after that.
public actor HubIntake {
  private let store: any HubStore
  private let logger: Logger
  /// The devices pages have come for, by fingerprint.
  private var devices: [String: DeviceIntake] = [:]
  /// Pads' fingerprints by name: a push names its pad by its token, not by its key.
  private var fingerprints: [String: String] = [:]
  /// How long a page that overtook the one in front of it waits for that one.
  private let overtakenPageWait: Duration
  /// Re-dates what pads wrote while their clock was unknown, after the acknowledgement.
  private let clocks: ClockCorrector
  /// Woken whenever records are stored: the uplink forwards a new rating at once, not at its next look.
  public nonisolated let stored = WakeSignal()
  /// Woken with `stored`, for the console's live feed (a signal has one waiter).
  public nonisolated let storedForConsole = WakeSignal()
  /// Woken when a bad rating is stored: its alerts go out at once (a signal has one waiter).
  public nonisolated let storedBadRating = WakeSignal()

  /// Takes records into `store`; `overtakenPageWait` is longer only in tests, so a loaded machine
  /// cannot close the window they look into.
  public init(store: any HubStore, logger: Logger, overtakenPageWait: Duration = .seconds(1)) {
    self.store = store
    self.logger = logger
    self.overtakenPageWait = overtakenPageWait
    clocks = ClockCorrector(store: store, logger: logger)
  }

  /// Accepts a page from device `fingerprint`; returns the acknowledgement the device may trust:
  /// how far its stored chain reaches and the hash of the record stored there.
  ///
  /// The records are read and checked against one another first, concurrently with other pages;
  /// only linking the page to what the hub has and storing it take the device's turn.
  public nonisolated func acknowledge(_ page: RecordPage, from fingerprint: String)
    async throws(IntakeRefusal)
    -> Acknowledgement
  {
    if page.device != fingerprint {
      guard let handovers = page.handovers, !handovers.isEmpty else {
        throw .wrongDevice("the records are from device \(page.device), but the token is \(fingerprint)'s")
      }
      try await takeSuccessor(page.device, of: fingerprint, handovers: handovers)
    }
    let device = try await intake(of: page.device)
    let checked = try await check(page.records, of: device)
    // Written out here too, so the device's turn is only the link and the store.
    let records = page.records.map { StoredRecord(device: device.fingerprint, record: $0) }
    let (through, hash, stored) = try await device.take(records, checked)
    if !stored.isEmpty {
      self.stored.wake()
      storedForConsole.wake()
    }
    if stored.contains(where: \.isBadRating) { storedBadRating.wake() }
    announce(stored, from: device.name)
    await clocks.schedule(device: device.fingerprint, boots: ClockCorrection.boots(learnedIn: stored))
    // For `devices`: when it was last heard from and how much it still holds.
    do { try await store.noteContact(device: device.fingerprint, reportedHead: page.headSeq) } catch {
      logger.warning("device \(device.fingerprint): cannot note its contact: \(error)")
    }
    return Acknowledgement(through: through, hash: hash)
  }

  /// Accepts a page from device `fingerprint`; returns the seq the device may count as acknowledged.
  public nonisolated func accept(_ page: RecordPage, from fingerprint: String) async throws(IntakeRefusal)
    -> Int64
  {
    try await acknowledge(page, from: fingerprint).through
  }

  /// Enrols the key a pulled pad's card shows as the successor of the key the pad `name` is
  /// enrolled with, when the card's handovers lead from that key to it (`takeSuccessor`). Returns
  /// whether the card's key is `pinned` or one it handed over to, so a pin survives a ledger that
  /// started over.
  public func adopt(_ card: DeviceCard, asPad name: String, pinned: String?) async throws -> Bool {
    guard let handovers = card.handovers, !handovers.isEmpty else { return false }
    if let enrolled = try await store.device(named: name), enrolled.fingerprint != card.fingerprint {
      try await takeSuccessor(card.fingerprint, of: enrolled.fingerprint, handovers: handovers)
    }
    guard var key = pinned else { return false }
    // Each hand-over the store notes was verified when it was taken.
    for _ in 0..<WireKeyHandover.limit {
      if key == card.fingerprint { return true }
      guard let next = try await store.device(key)?.handedOverTo else { return false }
      key = next
    }
    return false
  }

  /// Enrols `successor` in the place of the enrolled device `fingerprint` when `handovers` lead
  /// from its key to the successor's, each signed by the key before (`HandoverChain`): same name
  /// and card, the push token moved to it; the device's row and chain are kept and note the
  /// hand-over. Refused, with nothing enrolled and nothing flagged, when they do not.
  private func takeSuccessor(_ successor: String, of fingerprint: String, handovers wire: [WireKeyHandover])
    async throws(IntakeRefusal)
  {
    let found: EnrolledDevice?
    do { found = try await store.device(fingerprint) } catch { throw .storage("\(error)") }
    guard let enrolled = found else {
      throw .unknownDevice("device \(fingerprint) is not enrolled at this hub")
    }
    if enrolled.handedOverTo == successor { return }
    guard let raw = Base64.decode(enrolled.card.publicKey),
      let known = try? DevicePublicKey(rawRepresentation: raw)
    else { throw .storage("device \(fingerprint) has no usable public key on file") }
    let keys: [DevicePublicKey]
    do {
      keys = try HandoverChain.keys(from: known, to: successor, in: try WireKeyHandover.keyHandovers(wire))
    } catch let problem as HandoverProblem {
      throw .handoverRefused(
        "the records are from key \(successor), but the token is device \(fingerprint)'s, and \(problem)")
    } catch {
      throw .malformed("\(error)")
    }
    let existing: EnrolledDevice?
    do { existing = try await store.device(successor) } catch { throw .storage("\(error)") }
    if let existing {
      throw .handoverRefused(
        "device \(fingerprint) hands over to key \(successor), which is enrolled already as pad \(existing.name); a handover never takes over another device"
      )
    }
    var card = enrolled.card
    card.fingerprint = successor
    card.publicKey = keys[keys.count - 1].base64
    card.handovers = nil
    do { try await store.handOver(device: fingerprint, to: card) } catch { throw .storage("\(error)") }
    fingerprints[enrolled.name] = successor
    logger.notice(
      "device \(fingerprint) (\(enrolled.name)) handed over to key \(successor): its ledger started over; its chain is kept, the new one begins at seq 1"
    )
  }

  /// Re-dates, in the background, what an earlier run stored and did not re-date.
  public func correctClocksLeftOver() async throws {
    try await clocks.sweep()
  }

  /// Returns once the records stored so far are re-dated where they can be.
  public func clocksCorrected() async {
    await clocks.settled()
  }

  /// The fingerprint of the device enrolled in the database with the push token `header`
  /// presents, or nil when none is.
  public func fingerprint(ofToken header: String) async throws -> String? {
    // Asked each time (an indexed lookup), so a pad enrolled again with a new token stops
    // being accepted with the old one at once.
    try await store.device(withTokenHash: PushTokenHash.of(authorization: header))?.fingerprint
  }

  /// The fingerprint of the device enrolled as pad `name`, or nil while none is.
  public func fingerprint(ofPad name: String) async throws -> String? {
    if let known = fingerprints[name] { return known }
    guard let device = try await store.device(named: name) else { return nil }
    fingerprints[name] = device.fingerprint
    return device.fingerprint
  }

  /// Stops accepting a device's records, for `problem` (a head that does not verify, a fork).
  public func flag(device fingerprint: String, problem: String) async throws {
    let device: DeviceIntake
    do { device = try await intake(of: fingerprint) } catch {
      // Not enrolled, or its key on file unreadable: the store keeps the flag all the same.
      try await store.flag(device: fingerprint, problem: problem)
      return
    }
    try await device.flag(problem)
  }

  /// The device, read from the store the first time.
  private func intake(of fingerprint: String) async throws(IntakeRefusal) -> DeviceIntake {
    if let known = devices[fingerprint] { return known }
    let found: EnrolledDevice?
    do { found = try await store.device(fingerprint) } catch { throw .storage("\(error)") }
    guard let found else { throw .unknownDevice("device \(fingerprint) is not enrolled at this hub") }
    // Another page may have read it while this one waited for the store.
    if let known = devices[fingerprint] { return known }
    let device = try DeviceIntake(found, store: store, logger: logger, overtakenPageWait: overtakenPageWait)
    devices[fingerprint] = device
    return device
  }

  /// Reads every record and checks that each hash follows from the one before it in the page and
  /// that the last is the device's signature; the first record's link is the device's to check.
  private nonisolated func check(_ records: [WireRecord], of device: DeviceIntake)
    async throws(IntakeRefusal)
    -> [LedgerRecord]
  {
    var ledgerRecords: [LedgerRecord] = []
    ledgerRecords.reserveCapacity(records.count)
    for wire in records {
      do { ledgerRecords.append(try wire.ledgerRecord()) } catch { throw .malformed(error.description) }
    }
    guard let first = ledgerRecords.first else { return [] }
    var verifier = ChainVerifier(publicKey: device.key, afterSeq: first.seq, previousHash: first.hash)
    for (index, record) in ledgerRecords.enumerated().dropFirst() {
      if let problem = verifier.check(record, signature: index == ledgerRecords.count - 1) {
        throw await device.broken("\(problem)")
      }
    }
    return ledgerRecords
  }

  /// Pages of `device` waiting for the page in front of them (for tests).
  func pagesWaiting(for fingerprint: String) async -> Int { await devices[fingerprint]?.pagesWaiting ?? 0 }

  /// One log line per stored rating and reasons record, so a person at the hub sees them arrive;
  /// a backlog arriving in bulk gets one line per batch instead, counting its bad ratings (the
  /// report lists each of them with its reasons).
  private nonisolated func announce(_ records: [WireRecord], from device: String) {
    guard !records.isEmpty else { return }
    guard records.count <= Self.recordsAnnouncedOneByOne else {
      let ratings = records.filter { $0.kind == "rating" }
      let bad = ratings.count { SatisfactionLevel(rawValue: $0.level ?? "")?.isBad == true }
      logger.info(
        "\(device) #\(records[0].seq)-#\(records[records.count - 1].seq): \(records.count) records stored, \(ratings.count) ratings, \(bad) of them bad"
      )
      return
    }
    for record in records where record.kind == "rating" || record.kind == "reasons" {
      let transaction =
        record.transaction.map {
          "\($0.number) \($0.serviceItemName.isEmpty ? $0.serviceItemCode : $0.serviceItemName)"
        } ?? ""
      // A reasons record with no codes closes the checklist with none given; its detail says how.
      let given =
        record.reasons.isEmpty ? "none (\(record.detail ?? "-"))" : record.reasons.joined(separator: ",")
      let what = record.kind == "rating" ? record.level ?? "" : "reasons " + given
      logger.info("\(device) #\(record.seq): \(what) \(transaction)")
    }
  }

  /// Live traffic comes a record or two at a time; more than this is a backlog.
  private static let recordsAnnouncedOneByOne = 20
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
  /// A record the hub holds came again with another hash; the device is flagged, the records kept.
  case fork(String)
  /// The page's key is not one the enrolled key handed over to.
  case handoverRefused(String)

  public var description: String {
    switch self {
    case .gap(let expected, let got): "gap: expected seq \(expected), got seq \(got)"
    case .chainBroken(let text), .malformed(let text), .unknownDevice(let text), .wrongDevice(let text),
      .storage(let text), .fork(let text), .handoverRefused(let text):
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
