import Foundation
import RatingModel
import RecordChain
import Testing

@testable import Ledger

/// A key signs one chain: a ledger that starts over empty after its key began a chain continues
/// under a new key the old one hands over to, so the hub never takes the new seq 1 for the old.
@Suite struct LedgerStartOverTests {
  /// A state directory with a key and no ledger yet, removed afterwards.
  final class State {
    let directory =
      FileManager.default.temporaryDirectory.appendingPathComponent("start-over-\(UUID().uuidString)").path
    var keyPath: String { directory + "/device.key" }
    var ledgerPath: String { directory + "/ledger.sqlite" }

    init() throws {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: directory) }

    /// Loads the key as the agent does, then opens the ledger for writing with it.
    func open(at wallMilliseconds: Int64 = 1_795_575_145_000) throws -> LedgerOpening {
      let key = try DeviceKey.loadOrCreate(path: keyPath, ledger: ledgerPath)
      return try LedgerStore.open(
        path: ledgerPath, keyPath: keyPath, key: key, at: time(wallMilliseconds: wallMilliseconds))
    }

    func deleteLedger() throws {
      for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: ledgerPath + suffix) {
        try FileManager.default.removeItem(atPath: ledgerPath + suffix)
      }
    }

    func marker() -> String? {
      FileManager.default.contents(atPath: keyPath + ".chain").map {
        String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      }
    }
  }

  @Test func theFirstOpenNotesThatTheKeyBeganAChain() throws {
    let state = try State()
    let opening = try state.open()
    #expect(opening.handover == nil)
    #expect(state.marker() == opening.key.publicKey.fingerprint)
    #expect(try HandoverFile(keyPath: state.keyPath).read().isEmpty)
    #expect(try opening.store.allRecords().isEmpty, "a first start records no reset")
  }

  @Test func aLedgerWithRecordsKeepsItsKey() throws {
    let state = try State()
    let first = try state.open()
    try first.store.append([ratingEntry("BJ-1"), ratingEntry("BJ-2")], at: time())
    let again = try state.open()
    #expect(again.key.publicKey == first.key.publicKey)
    #expect(again.handover == nil)
    #expect(try again.store.head().seq == 2)
  }

  @Test func aPadUpgradedWithRecordsAndNoMarkerKeepsItsKeyAndIsMarked() throws {
    let state = try State()
    let key = try DeviceKey.loadOrCreate(path: state.keyPath)
    // Written before the marker existed.
    try LedgerStore.open(path: state.ledgerPath, deviceKey: key).store.append(ratingEntry("BJ-1"), at: time())
    #expect(state.marker() == nil)
    let opening = try state.open()
    #expect(opening.key.publicKey == key.publicKey)
    #expect(opening.handover == nil)
    #expect(state.marker() == key.publicKey.fingerprint)
  }

  @Test func aDeletedLedgerStartsOverUnderANewKeyTheOldOneHandsOverTo() throws {
    let state = try State()
    let old = try state.open()
    try old.store.append([ratingEntry("BJ-1"), ratingEntry("BJ-2", .veryDissatisfied)], at: time())
    try state.deleteLedger()

    let opening = try state.open(at: 1_795_575_200_000)
    let handover = try #require(opening.handover)
    let oldKey = old.key.publicKey
    let newKey = opening.key.publicKey
    #expect(newKey != oldKey)
    #expect(handover.previousFingerprint == oldKey.fingerprint)
    #expect(handover.next == newKey)
    #expect(handover.isValid(signedBy: oldKey))
    #expect(!handover.isValid(signedBy: newKey))
    #expect(try HandoverFile(keyPath: state.keyPath).read() == [handover])
    #expect(try HandoverChain.keys(from: oldKey, to: newKey.fingerprint, in: [handover]) == [newKey])
    // The new key is on disk, the old one kept beside it, and the marker names the new one.
    #expect(try DeviceKey.load(path: state.keyPath).publicKey == newKey)
    let retired = try #require(
      try FileManager.default.contentsOfDirectory(atPath: state.directory).first { $0.contains(".retired-") })
    #expect(try DeviceKey.load(path: state.directory + "/" + retired).publicKey == oldKey)
    #expect(state.marker() == newKey.fingerprint)
    // The new chain begins with a reset naming both keys, signed with the new key.
    let records = try opening.store.allRecords()
    #expect(records.map(\.entry.kind) == [.ledgerReset])
    let detail = try #require(records.first?.entry.detail)
    #expect(detail.contains(oldKey.fingerprint) && detail.contains(newKey.fingerprint), "\(detail)")
    #expect(try opening.store.verify(publicKey: newKey) == .intact(count: 1, head: 1))
    // Opened again, it keeps the new key: the new ledger has its record.
    let again = try state.open()
    #expect(again.key.publicKey == newKey)
    #expect(again.handover == nil)
  }

  @Test func aCorruptLedgerSetAsideStartsOverUnderANewKey() throws {
    let state = try State()
    var writer: LedgerOpening? = try state.open()
    let oldKey = try #require(writer?.key.publicKey)
    try writer?.store.append(ratingEntry("C-1"), at: time())
    // Closed, which folds the WAL into the file about to be damaged.
    writer = nil
    let handle = try #require(FileHandle(forWritingAtPath: state.ledgerPath))
    try handle.write(contentsOf: Data(repeating: 0x5a, count: 4096))
    try handle.close()

    let opening = try state.open()
    let kept = try #require(opening.setAside)
    let handover = try #require(opening.handover)
    #expect(handover.isValid(signedBy: oldKey))
    #expect(opening.key.publicKey != oldKey)
    let records = try opening.store.allRecords()
    #expect(records.map(\.entry.kind) == [.ledgerReset])
    let detail = try #require(records.first?.entry.detail)
    #expect(detail.contains(kept) && detail.contains("integrity"), "\(detail)")
    #expect(detail.contains(opening.key.publicKey.fingerprint), "\(detail)")
  }

  @Test func handoversInARowChainFromTheFirstKeyToTheLast() throws {
    let state = try State()
    let first = try state.open()
    try first.store.append(ratingEntry("BJ-1"), at: time())
    try state.deleteLedger()
    let second = try state.open(at: 1_795_575_200_000)
    try second.store.append(ratingEntry("BJ-2"), at: time())
    try state.deleteLedger()
    let third = try state.open(at: 1_795_575_300_000)

    let handovers = try HandoverFile(keyPath: state.keyPath).read()
    #expect(handovers.count == 2)
    let keys = try HandoverChain.keys(
      from: first.key.publicKey, to: third.key.publicKey.fingerprint, in: handovers)
    #expect(keys == [second.key.publicKey, third.key.publicKey])
    // A hub that took the second key already needs only the last handover.
    #expect(
      try HandoverChain.keys(from: second.key.publicKey, to: third.key.publicKey.fingerprint, in: handovers)
        == [third.key.publicKey])
  }

  @Test func aHandoverNotSignedByTheKnownKeyLeadsNowhere() throws {
    let state = try State()
    let first = try state.open()
    try first.store.append(ratingEntry("BJ-1"), at: time())
    try state.deleteLedger()
    let second = try state.open()
    let stranger = DeviceKey.generate()
    // Signed by a key the hub never knew, but naming the known key as the one handing over.
    let genuine = try #require(second.handover)
    let forged = try KeyHandover.sign(handingOver: stranger, to: second.key.publicKey, at: 1)
    let relabelled = KeyHandover(
      previousFingerprint: first.key.publicKey.fingerprint, next: forged.next,
      signedAtMilliseconds: forged.signedAtMilliseconds, signature: forged.signature)
    #expect(throws: HandoverProblem.self) {
      try HandoverChain.keys(
        from: first.key.publicKey, to: second.key.publicKey.fingerprint, in: [relabelled])
    }
    #expect(throws: HandoverProblem.self) {
      try HandoverChain.keys(from: stranger.publicKey, to: second.key.publicKey.fingerprint, in: [genuine])
    }
  }

  @Test func anUnreadableHandoverFileNeverStopsTheLedgerStartingOver() throws {
    let state = try State()
    let first = try state.open()
    try first.store.append(ratingEntry("BJ-1"), at: time())
    try state.deleteLedger()
    try "not a handover\n".write(toFile: state.keyPath + ".handovers", atomically: true, encoding: .utf8)
    let opening = try state.open()
    let handover = try #require(opening.handover)
    #expect(handover.isValid(signedBy: first.key.publicKey))
    #expect(try HandoverFile(keyPath: state.keyPath).read() == [handover])
    let names = try FileManager.default.contentsOfDirectory(atPath: state.directory)
    #expect(names.contains { $0.hasPrefix("device.key.handovers.unreadable-") }, "\(names)")
  }

  @Test func aPowerCutBeforeTheResetRecordIsFinishedAtTheNextStart() throws {
    let state = try State()
    let first = try state.open()
    try first.store.append(ratingEntry("BJ-1"), at: time())
    try state.deleteLedger()
    let second = try state.open()
    let handover = try #require(second.handover)
    // As if the power went after the new key was written: no reset record, the marker the old key's.
    try state.deleteLedger()
    try ChainMarker(keyPath: state.keyPath).mark(first.key)
    let resumed = try state.open()
    #expect(resumed.key.publicKey == second.key.publicKey)
    #expect(resumed.handover == handover)
    #expect(try resumed.store.allRecords().map(\.entry.kind) == [.ledgerReset])
    #expect(try HandoverFile(keyPath: state.keyPath).read().count == 1)
  }
}
