import Foundation
import RatingModel
import RecordChain
import SQLite
import Testing

@testable import Ledger

/// A write that meets another connection's lock (a real SQLITE_BUSY, past SQLite's own busy
/// timeout) is tried again a few times with growing waits, instead of failing the pad at once.
@Suite(.serialized) struct TransientWriteFailures {
  @Test func aWriteSucceedsOnceAnotherConnectionsBriefLockGoes() throws {
    let ledger = try TemporaryLedger()
    // SQLite's own wait made short, so the lock below outlasts it and BEGIN IMMEDIATE fails busy.
    try ledger.store.setBusyTimeout(milliseconds: 50)
    let other = OtherConnection(try SQLiteConnection(path: ledger.path))
    try other.connection.execute("BEGIN IMMEDIATE")
    let released = DispatchSemaphore(value: 0)
    // A thread of its own: a dispatch queue's turn can come late on a machine busy with the other
    // suites, later than the retries last.
    Thread {
      Thread.sleep(forTimeInterval: 0.4)
      try? other.connection.execute("COMMIT")
      released.signal()
    }.start()
    let clock = ContinuousClock()
    let started = clock.now
    let record = try ledger.store.append(ratingEntry("BJ-1"), at: time())
    let waited = clock.now - started
    released.wait()
    #expect(record.seq == 1)
    #expect(try ledger.store.head().seq == 1)
    // It waited the lock out: far longer than one busy timeout, bounded by the retries.
    #expect(waited >= .milliseconds(350) && waited < .seconds(3), "\(waited)")
  }

  @Test func aLockThatOutlastsTheRetriesFailsAndTheNextWriteWorks() throws {
    let ledger = try TemporaryLedger()
    try ledger.store.setBusyTimeout(milliseconds: 50)
    let other = try SQLiteConnection(path: ledger.path)
    try other.execute("BEGIN IMMEDIATE")
    do {
      try ledger.store.append(ratingEntry("BJ-1"), at: time())
      Issue.record("a write went through another connection's lock")
    } catch {
      guard case .storage(let sqlite) = error else {
        Issue.record("wrong error: \(error)")
        return
      }
      #expect(sqlite.isTransient, "\(sqlite)")
    }
    try other.execute("COMMIT")
    // Nothing of the failed write stayed; the ledger takes the next one.
    #expect(try ledger.store.append(ratingEntry("BJ-2"), at: time()).seq == 1)
  }
}

/// The connection holding the lock, handed to the thread that lets it go (one thread at a time).
final class OtherConnection: @unchecked Sendable {
  let connection: SQLiteConnection
  init(_ connection: SQLiteConnection) { self.connection = connection }
}
