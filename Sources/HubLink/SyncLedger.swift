import Foundation
import Ledger
import RecordChain
import SQLite
import SyncProtocol

/// The hub link's own connection to the ledger: pages out records and moves the acknowledgement
/// cursor for pulls and pushes alike, one caller at a time. It never appends.
///
/// The connection is used only on the link's own ledger thread, never on the caller's: a read
/// or a cursor commit waiting for the disk holds no thread of Swift's cooperative pool.
public final class SyncLedger: @unchecked Sendable {
  private let store: LedgerStore
  private let thread = SQLiteThread()
  /// Whose chain this is: the device key's fingerprint.
  public let device: String
  /// How the device's key came to be, when its ledger started over: sent with every page, so a
  /// hub that knows an earlier key takes this one (`RecordPage.handovers`).
  public let handovers: [WireKeyHandover]

  /// Opens the ledger at `path` for syncing; the agent has created it already.
  public init(path: String, device: String, handovers: [WireKeyHandover] = []) throws(LedgerError) {
    store = try LedgerStore.openForSync(path: path)
    self.device = device
    self.handovers = handovers
  }

  private func onThread<T: Sendable>(_ body: @escaping @Sendable (LedgerStore) throws(LedgerError) -> T)
    async throws(LedgerError) -> T
  {
    try await thread.run { [self] () throws(LedgerError) in try body(store) }
  }

  /// Up to `limit` records after `seq`, as a page.
  public func page(after seq: Int64, limit: Int) async throws(LedgerError) -> RecordPage {
    try await onThread { [device, handovers] store throws(LedgerError) in
      // One more than asked tells whether more are waiting without a second query.
      let records = try store.records(after: seq, limit: limit + 1)
      let status = try store.head()
      return RecordPage(
        device: device, records: records.prefix(limit).map(WireRecord.init), headSeq: status.seq,
        acknowledgedThrough: try store.acknowledgedThrough(), more: records.count > limit,
        handovers: handovers)
    }
  }

  /// Moves the cursor to `seq` (never backwards); returns where it stands.
  public func acknowledge(through seq: Int64) async throws(LedgerError) -> Int64 {
    try await onThread { store throws(LedgerError) in
      try store.acknowledge(through: seq)
      return try store.acknowledgedThrough()
    }
  }

  /// Moves the cursor as the hub's acknowledgement says, but never past `limit`, and only when the
  /// hash the hub names is this ledger's record at that seq: the hub then holds this very chain up
  /// to there. An acknowledgement with no hash (an older hub) moves it up to `limit`.
  public func acknowledge(_ answer: Acknowledgement, upTo limit: Int64) async throws(LedgerError)
    -> AcknowledgementCheck
  {
    try await onThread { store throws(LedgerError) in
      let cursor = try store.acknowledgedThrough()
      guard answer.through > cursor else { return .moved(cursor) }
      if let hash = answer.hash {
        guard let record = try store.records(after: answer.through - 1, limit: 1).first,
          record.seq == answer.through
        else { return .refused("the hub acknowledged seq \(answer.through), which this pad does not have") }
        guard Hex.encode(record.hash) == hash.lowercased() else {
          return .refused(
            "the hub acknowledged seq \(answer.through) with hash \(hash.prefix(16)), but this pad's record "
              + "\(answer.through) has hash \(Hex.encode(record.hash).prefix(16)): the hub holds another chain"
          )
        }
      }
      try store.acknowledge(through: min(answer.through, limit))
      return .moved(try store.acknowledgedThrough())
    }
  }

  /// The cursor.
  public func acknowledgedThrough() async throws(LedgerError) -> Int64 {
    try await onThread { store throws(LedgerError) in try store.acknowledgedThrough() }
  }

  /// The last record's seq and hash.
  public func head() async throws(LedgerError) -> (seq: Int64, hash: [UInt8]) {
    try await onThread { store throws(LedgerError) in try store.head() }
  }

  /// Backlog and counts, for health and metrics.
  public func status() async throws(LedgerError) -> LedgerStatus {
    try await onThread { store throws(LedgerError) in try store.status() }
  }

  /// What became of a prompt, from the records.
  public func promptOutcome(_ promptID: String) async throws(LedgerError) -> LedgerKind? {
    try await onThread { store throws(LedgerError) in try store.promptOutcome(promptID) }
  }
}

/// What an acknowledgement did to the cursor.
public enum AcknowledgementCheck: Sendable, Equatable {
  /// The cursor stands here now.
  case moved(Int64)
  /// The acknowledgement proves nothing the pad holds, and why; the cursor did not move.
  case refused(String)
}
