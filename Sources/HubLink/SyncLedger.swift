import Foundation
import Ledger
import RecordChain
import SyncProtocol

/// The hub link's own connection to the ledger: pages out records and moves the acknowledgement
/// cursor for pulls and pushes alike, one caller at a time. It never appends.
public final class SyncLedger: @unchecked Sendable {
  private let store: LedgerStore
  private let lock = NSLock()
  /// Whose chain this is: the device key's fingerprint.
  public let device: String

  /// Opens the ledger at `path` for syncing; the agent has created it already.
  public init(path: String, device: String) throws(LedgerError) {
    store = try LedgerStore.openForSync(path: path)
    self.device = device
  }

  private func locked<T>(_ body: (LedgerStore) throws(LedgerError) -> T) throws(LedgerError) -> T {
    lock.lock()
    defer { lock.unlock() }
    return try body(store)
  }

  /// Up to `limit` records after `seq`, as a page.
  public func page(after seq: Int64, limit: Int) throws(LedgerError) -> RecordPage {
    try locked { store throws(LedgerError) in
      // One more than asked tells whether more are waiting without a second query.
      let records = try store.records(after: seq, limit: limit + 1)
      let status = try store.head()
      return RecordPage(
        device: device, records: records.prefix(limit).map(WireRecord.init), headSeq: status.seq,
        acknowledgedThrough: try store.acknowledgedThrough(), more: records.count > limit)
    }
  }

  /// Moves the cursor to `seq` (never backwards); returns where it stands.
  public func acknowledge(through seq: Int64) throws(LedgerError) -> Int64 {
    try locked { store throws(LedgerError) in
      try store.acknowledge(through: seq)
      return try store.acknowledgedThrough()
    }
  }

  /// The cursor.
  public func acknowledgedThrough() throws(LedgerError) -> Int64 {
    try locked { store throws(LedgerError) in try store.acknowledgedThrough() }
  }

  /// The last record's seq and hash.
  public func head() throws(LedgerError) -> (seq: Int64, hash: [UInt8]) {
    try locked { store throws(LedgerError) in try store.head() }
  }

  /// Backlog and counts, for health and metrics.
  public func status() throws(LedgerError) -> LedgerStatus {
    try locked { store throws(LedgerError) in try store.status() }
  }

  /// What became of a prompt, from the records.
  public func promptOutcome(_ promptID: String) throws(LedgerError) -> LedgerKind? {
    try locked { store throws(LedgerError) in try store.promptOutcome(promptID) }
  }
}
