import Foundation
import RatingModel
import RecordChain
import Testing

@testable import Ledger

@Suite struct Appending {
  @Test func recordsAreNumberedChainedAndReadBackExactly() throws {
    let ledger = try TemporaryLedger()
    let written = try ledger.store.append(
      [ratingEntry("A-1"), ratingEntry("A-2", .veryDissatisfied)], at: time())
    #expect(written.map(\.seq) == [1, 2])
    let read = try ledger.store.records(after: 0, limit: 10)
    #expect(read == written)
    #expect(read[1].entry.level == .veryDissatisfied)
    #expect(read[1].entry.transaction?.number == "A-2")
    #expect(read[0].hash.count == 32 && read[0].signature.count == 64)
    #expect(try ledger.store.verify(publicKey: ledger.key.publicKey) == .intact(count: 2, head: 2))
  }

  @Test func pagingWalksEveryRecordOnce() throws {
    let ledger = try TemporaryLedger()
    try ledger.store.append((1...25).map { ratingEntry("P-\($0)") }, at: time())
    var cursor: Int64 = 0
    var seen: [Int64] = []
    while case let page = try ledger.store.records(after: cursor, limit: 10), !page.isEmpty {
      seen += page.map(\.seq)
      cursor = page.last!.seq
    }
    #expect(seen == Array(1...25))
  }

  @Test func ratedTransactionsAreFoundPerStage() throws {
    let ledger = try TemporaryLedger()
    try ledger.store.append(ratingEntry("R-1", stage: .accepted), at: time())
    #expect(try ledger.store.hasRating(for: RatingKey(transactionNumber: "R-1", stage: .accepted)))
    #expect(try !ledger.store.hasRating(for: RatingKey(transactionNumber: "R-1", stage: .finished)))
    #expect(try !ledger.store.hasRating(for: RatingKey(transactionNumber: "R-2", stage: .accepted)))
  }

  @Test func aPromptsOutcomeIsFoundByItsIDAsTheAgentMakesThem() throws {
    // The agent's prompt ids are lower-case UUIDs, kept as 16 bytes: the lookup must match them too.
    let ledger = try TemporaryLedger()
    var rated = ratingEntry("U-1")
    rated.promptID = "0f8b3c2e-5d7a-4e1b-9c6d-2a4f8e7b1c3d"
    var notShown = LedgerEntry(
      kind: .promptNotShown, promptID: "1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d", source: "kiosk",
      transaction: nil,
      level: nil, channel: .kiosk)
    notShown.detail = "E-SCREEN-SHARE: vt7 did not let go"
    try ledger.store.append([rated, notShown], at: time())
    #expect(try ledger.store.promptOutcome("0f8b3c2e-5d7a-4e1b-9c6d-2a4f8e7b1c3d") == .rating)
    #expect(try ledger.store.promptOutcome("1a2b3c4d-5e6f-4a8b-9c0d-1e2f3a4b5c6d") == .promptNotShown)
    #expect(try ledger.store.promptOutcome("p-U-1") == nil)
    #expect(try ledger.store.promptOutcome("00000000-0000-4000-8000-000000000000") == nil)
  }
}

@Suite struct Acknowledgement {
  @Test func theCursorNeverMovesBackwardsNorPastTheHead() throws {
    let ledger = try TemporaryLedger()
    try ledger.store.append((1...5).map { ratingEntry("K-\($0)") }, at: time())
    try ledger.store.acknowledge(through: 3)
    try ledger.store.acknowledge(through: 2)
    #expect(try ledger.store.acknowledgedThrough() == 3)
    #expect(throws: LedgerError.self) { try ledger.store.acknowledge(through: 6) }
    #expect(try ledger.store.status().backlog == 2)
  }

  @Test func pruningDeletesOnlyAcknowledgedOldRecordsAndTheRestStillVerifies() throws {
    let ledger = try TemporaryLedger()
    let day: Int64 = 86_400_000
    let old = time(wallMilliseconds: 1_000 * day)
    try ledger.store.append((1...6).map { ratingEntry("O-\($0)") }, at: old)
    try ledger.store.append((1...2).map { ratingEntry("N-\($0)") }, at: time(wallMilliseconds: 1_040 * day))
    try ledger.store.acknowledge(through: 4)
    let now = time(wallMilliseconds: 1_045 * day)
    // Six records are older than 30 days, but only four were acknowledged: only those go.
    #expect(try ledger.store.prune(now: now, retention: .seconds(30 * 86_400)) == 4)
    #expect(try ledger.store.allRecords().map(\.seq) == [5, 6, 7, 8])
    #expect(try ledger.store.verify(publicKey: ledger.key.publicKey) == .intact(count: 4, head: 8))
    // Everything acknowledged, but the young records stay until their retention has passed.
    try ledger.store.acknowledge(through: 8)
    #expect(try ledger.store.prune(now: now, retention: .seconds(30 * 86_400)) == 2)
    #expect(try ledger.store.allRecords().map(\.seq) == [7, 8])
    // Numbering continues after pruning.
    #expect(try ledger.store.append(ratingEntry("N-3"), at: now).seq == 9)
    #expect(try ledger.store.verify(publicKey: ledger.key.publicKey) == .intact(count: 3, head: 9))
  }
}

@Suite struct Tampering {
  func ledgerWithFive() throws -> TemporaryLedger {
    let ledger = try TemporaryLedger()
    try ledger.store.append(
      [
        ratingEntry("T-1"), ratingEntry("T-2", .veryDissatisfied), ratingEntry("T-3"), ratingEntry("T-4"),
        ratingEntry("T-5"),
      ],
      at: time())
    return ledger
  }

  @Test func anAlteredLevelIsNamed() throws {
    let ledger = try ledgerWithFive()
    try ledger.sqlite("UPDATE records SET level = 'very_satisfied' WHERE seq = 2;")
    let report = try ledger.store.verify(publicKey: ledger.key.publicKey)
    guard case .broken(let seq, let problem, _) = report else {
      Issue.record("not caught: \(report)"); return
    }
    #expect(seq == 2)
    #expect(problem.contains("altered"))
  }

  @Test func aDeletedRowIsNamed() throws {
    let ledger = try ledgerWithFive()
    try ledger.sqlite("DELETE FROM records WHERE seq = 3;")
    let report = try ledger.store.verify(publicKey: ledger.key.publicKey)
    #expect(report == .broken(seq: 3, problem: "is missing (the next record is seq 4)", verified: 2))
  }

  @Test func aForgedRowIsNamed() throws {
    let ledger = try ledgerWithFive()
    // Copy a good rating into a new row, re-hashing is impossible without the key: caught.
    try ledger.sqlite(
      "INSERT INTO records SELECT 6, uuid, kind, wall_ms, utc_offset, boot, mono_ns, prompt_id, origin, 'T-6', service_item_code, service_item_name, stage, level, reasons, checklist_version, suspect_reason, detail, hash, signature, clock_known FROM records WHERE seq = 1;"
    )
    let report = try ledger.store.verify(publicKey: ledger.key.publicKey)
    guard case .broken(let seq, _, let verified) = report else {
      Issue.record("not caught: \(report)"); return
    }
    #expect(seq == 6 && verified == 5)
  }

  @Test func anotherDevicesKeyDoesNotVerify() throws {
    let ledger = try ledgerWithFive()
    let other = try TemporaryLedger()
    let report = try ledger.store.verify(publicKey: other.key.publicKey)
    #expect(report == .broken(seq: 1, problem: "has a signature that is not the device's", verified: 0))
  }
}

@Suite struct Faults {
  @Test func aFullDiskRefusesTheRecordAndLosesNothing() throws {
    let ledger = try TemporaryLedger()
    try ledger.store.append((1...3).map { ratingEntry("F-\($0)") }, at: time())
    let pages = try ledger.sqlite("PRAGMA page_count;")
    // Cap the database at its current size: the next append cannot fit.
    let capped = try LedgerStore.capForTesting(ledger.store, pages: Int(pages)!)
    var refused = 0
    for index in 4...200 {
      do {
        try capped.append(ratingEntry("F-\(index)", .veryDissatisfied), at: time())
      } catch {
        guard case .diskFull = error else { throw error }
        refused += 1
      }
    }
    #expect(refused > 0)
    let records = try capped.allRecords()
    #expect(Array(records.prefix(3).map(\.seq)) == [1, 2, 3])
    #expect(try capped.verify(publicKey: ledger.key.publicKey).isIntact)
    // Space returns: appends continue the chain without a gap.
    let reopened = try ledger.reopen().store
    let next = try reopened.append(ratingEntry("F-after"), at: time())
    #expect(next.seq == Int64(records.count) + 1)
    #expect(try reopened.verify(publicKey: ledger.key.publicKey).isIntact)
  }

  @Test func aCorruptFileIsSetAsideWholeAndAResetIsRecorded() throws {
    let ledger = try TemporaryLedger()
    try ledger.store.append(ratingEntry("C-1"), at: time())
    ledger.close()
    let handle = try #require(FileHandle(forWritingAtPath: ledger.path))
    try handle.write(contentsOf: Data(repeating: 0x5a, count: 4096))
    try handle.close()
    let opening = try ledger.reopen()
    let kept = try #require(opening.setAside)
    #expect(FileManager.default.fileExists(atPath: kept))
    let records = try opening.store.allRecords()
    #expect(records.map(\.entry.kind) == [.ledgerReset])
    #expect(records[0].entry.detail?.contains(kept) == true)
  }

  @Test func aNewerSchemaIsRefusedByName() throws {
    let ledger = try TemporaryLedger()
    try ledger.sqlite("PRAGMA user_version = 99;")
    do {
      _ = try ledger.reopen()
      Issue.record("a newer ledger was opened")
    } catch {
      #expect("\(error)".contains("schema version 99"))
      #expect("\(error)".contains("supports up to \(LedgerSchema.current)"))
    }
  }
}

@Suite struct DeviceKeys {
  @Test func theKeyFileIsCreatedPrivateAndReused() throws {
    let ledger = try TemporaryLedger()
    let path = ledger.directory + "/device.key"
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    #expect((attributes[.posixPermissions] as? Int) == 0o600)
    #expect(try DeviceKey.loadOrCreate(path: path).publicKey == ledger.key.publicKey)
    #expect(ledger.key.publicKey.fingerprint.count == 32)
  }

  @Test func aKeyReadableByOthersIsRefused() throws {
    let ledger = try TemporaryLedger()
    let path = ledger.directory + "/device.key"
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
    #expect(throws: LedgerError.self) { try DeviceKey.load(path: path) }
  }
}

@Suite struct Readers {
  @Test func aReaderInTheMiddleOfAReadNeverBlocksARatingCommit() throws {
    let ledger = try TemporaryLedger()
    try ledger.store.append(ratingEntry("W-1"), at: time())
    let reader = try LedgerStore.openForReading(path: ledger.path)
    try reader.holdReadTransactionForTesting {
      #expect(try reader.records(after: 0, limit: 10).count == 1)
      // The writer commits while the reader's snapshot is open …
      try ledger.store.append(ratingEntry("W-2"), at: time())
      // … and the reader keeps its consistent snapshot until it ends.
      #expect(try reader.records(after: 0, limit: 10).count == 1)
    }
    #expect(try reader.records(after: 0, limit: 10).count == 2)
  }
}
