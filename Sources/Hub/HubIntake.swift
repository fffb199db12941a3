import Foundation
import Ledger
import Logging
import SyncProtocol

/// Takes records from pulls and pushes alike: verifies them against the device's chain and key,
/// stores each exactly once, and says how far the device's verified chain now reaches.
public actor HubIntake {
  private let store: any HubStore
  private let logger: Logger
  private var busy: Set<String> = []
  private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

  /// Takes records into `store`.
  public init(store: any HubStore, logger: Logger) {
    self.store = store
    self.logger = logger
  }

  /// Accepts a page from device `fingerprint`; returns the seq the device may count as acknowledged.
  public func accept(_ page: RecordPage, from fingerprint: String) async throws(IntakeRefusal) -> Int64 {
    guard page.device == fingerprint else {
      throw .wrongDevice("the records are from device \(page.device), but the token is \(fingerprint)'s")
    }
    await acquire(fingerprint)
    defer { release(fingerprint) }
    let device: EnrolledDevice
    do {
      guard let found = try await store.device(fingerprint) else {
        throw IntakeRefusal.unknownDevice("device \(fingerprint) is not enrolled at this hub")
      }
      device = found
    } catch let refusal as IntakeRefusal { throw refusal } catch { throw .storage("\(error)") }
    if let problem = device.problem { throw .chainBroken("device \(fingerprint) is flagged: \(problem)") }
    // What the hub has already is acknowledged again and not stored twice.
    let fresh = page.records.filter { $0.seq > device.lastSeq }
    guard let first = fresh.first else { return device.lastSeq }
    guard first.seq == device.lastSeq + 1 else {
      throw .gap(expected: device.lastSeq + 1, got: first.seq)
    }
    let verified = try await verify(fresh, device: device)
    do {
      let stored = try await store.append(
        fresh.map { StoredRecord(device: fingerprint, record: $0) }, device: fingerprint,
        from: device.lastSeq,
        head: verified.seq, hash: Hex.encode(verified.hash))
      guard stored else {
        throw IntakeRefusal.storage("device \(fingerprint) changed while storing; try again")
      }
    } catch let refusal as IntakeRefusal { throw refusal } catch { throw .storage("\(error)") }
    announce(fresh, from: device)
    return verified.seq
  }

  /// One log line per stored rating and reasons record, so a person at the hub sees them arrive.
  private func announce(_ records: [WireRecord], from device: EnrolledDevice) {
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

  private func verify(_ records: [WireRecord], device: EnrolledDevice) async throws(IntakeRefusal) -> (
    seq: Int64, hash: [UInt8]
  ) {
    guard let keyBytes = Base64.decode(device.card.publicKey),
      let key = try? DevicePublicKey(rawRepresentation: keyBytes), let previous = Hex.decode(device.lastHash)
    else { throw .storage("device \(device.fingerprint) has no usable public key on file") }
    var verifier = ChainVerifier(publicKey: key, afterSeq: device.lastSeq, previousHash: previous)
    var last: LedgerRecord?
    for (index, wire) in records.enumerated() {
      let record: LedgerRecord
      do { record = try wire.ledgerRecord() } catch { throw .malformed(error.description) }
      if let problem = verifier.check(record, signature: index == records.count - 1) {
        let text = "\(problem)"
        logger.critical("device \(device.fingerprint): \(text)")
        do { try await store.flag(device: device.fingerprint, problem: text) } catch {
          logger.error("cannot flag device \(device.fingerprint): \(error)")
        }
        throw .chainBroken(text)
      }
      last = record
    }
    return (last!.seq, last!.hash)
  }

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
