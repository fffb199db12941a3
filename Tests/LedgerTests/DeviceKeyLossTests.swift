import Foundation
import RatingModel
import RecordChain
import Testing

@testable import Ledger

/// The device key written atomically, and a ledger whose key is gone never signed on with a new one
/// unasked: only `LedgerStore.rekey` replaces it, and says so in a new ledger.
@Suite struct DeviceKeyLoss {
  @Test func aNewKeyIsWrittenWholeAndNothingElseIsLeft() throws {
    let ledger = try TemporaryLedger()
    let path = ledger.directory + "/fresh.key"
    let key = try DeviceKey.loadOrCreate(path: path, ledger: ledger.directory + "/none.sqlite")
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    #expect((attributes[.size] as? Int) == 32)
    #expect(try DeviceKey.load(path: path).publicKey == key.publicKey)
    // No temporary file is left beside it.
    let names = try FileManager.default.contentsOfDirectory(atPath: ledger.directory)
    #expect(!names.contains { $0.contains(".new-") }, "\(names)")
  }

  @Test func anEmptyKeyBesideNoRecordsIsReplaced() throws {
    let ledger = try TemporaryLedger()
    let path = ledger.directory + "/empty.key"
    // What a power cut used to leave: the file created, its bytes never written.
    FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o600])
    let key = try DeviceKey.loadOrCreate(path: path, ledger: ledger.directory + "/none.sqlite")
    #expect(try DeviceKey.load(path: path).publicKey == key.publicKey)
  }

  @Test(arguments: ["missing", "empty", "garbage"])
  func aLedgerWithRecordsIsNeverReKeyedSilently(damage: String) throws {
    let ledger = try TemporaryLedger()
    try ledger.store.append([ratingEntry("BJ-1"), ratingEntry("BJ-2")], at: time())
    ledger.close()
    let path = ledger.directory + "/device.key"
    try FileManager.default.removeItem(atPath: path)
    switch damage {
    case "empty":
      FileManager.default.createFile(atPath: path, contents: Data(), attributes: [.posixPermissions: 0o600])
    case "garbage":
      FileManager.default.createFile(
        atPath: path, contents: Data([1, 2, 3]), attributes: [.posixPermissions: 0o600])
    default: break
    }
    do {
      _ = try DeviceKey.loadOrCreate(path: path, ledger: ledger.path)
      Issue.record("a new key was made for a ledger with records")
    } catch {
      guard case .deviceKeyLost(_, _, let records) = error else {
        Issue.record("wrong error: \(error)")
        return
      }
      #expect(records == 2)
      #expect("\(error)".contains("ratingpad rekey"), "\(error)")
      #expect("\(error)".contains("holds 2 records"), "\(error)")
    }
    // Nothing was written in the key's place.
    let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    #expect(size == (damage == "missing" ? nil : damage == "empty" ? 0 : 3))
  }

  @Test func reKeyingSetsTheOldLedgerAsideAndSaysSoInTheNewOne() throws {
    let ledger = try TemporaryLedger()
    let old = try ledger.store.append(
      [ratingEntry("BJ-1"), ratingEntry("BJ-2"), ratingEntry("BJ-3")], at: time())
    try ledger.store.acknowledge(through: 2)
    ledger.close()
    let keyPath = ledger.directory + "/device.key"
    // While the key loads, nothing is replaced.
    #expect(throws: LedgerError.self) { try LedgerStore.rekey(path: ledger.path, keyPath: keyPath) }
    try FileManager.default.removeItem(atPath: keyPath)

    let done = try LedgerStore.rekey(
      path: ledger.path, keyPath: keyPath, at: time(wallMilliseconds: 1_795_575_200_000))
    #expect(done.key.publicKey != ledger.key.publicKey)
    #expect(try DeviceKey.load(path: keyPath).publicKey == done.key.publicKey)
    #expect(done.setAside == ledger.path + ".lost-key-1795575200000")
    // The old ledger is kept whole.
    let kept = try LedgerStore.openForReading(path: done.setAside)
    #expect(try kept.allRecords().map(\.hash) == old.map(\.hash))
    // The new one starts with the reset, signed by the new key, and verifies.
    #expect(done.record.seq == 1 && done.record.entry.kind == .ledgerReset)
    let detail = try #require(done.record.entry.detail)
    #expect(detail.contains("seq 1…3") && detail.contains("acknowledged through seq 2"), "\(detail)")
    #expect(detail.contains(done.setAside) && detail.contains(done.key.publicKey.fingerprint), "\(detail)")
    #expect(try done.store.verify(publicKey: done.key.publicKey).isIntact)
    // And the pad starts with it.
    #expect(try DeviceKey.loadOrCreate(path: keyPath, ledger: ledger.path).publicKey == done.key.publicKey)
  }
}
