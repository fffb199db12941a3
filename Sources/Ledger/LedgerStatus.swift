import RecordChain

/// Figures about the ledger for `status` and the health report.
public struct LedgerStatus: Sendable, CustomStringConvertible {
  /// The last record's seq.
  public let headSeq: Int64
  /// The last record's hash.
  public let headHash: [UInt8]
  /// The hub's acknowledgement cursor.
  public let acknowledgedThrough: Int64
  /// Records the hub has not acknowledged.
  public let backlog: Int
  /// Wall time of the oldest unacknowledged record.
  public let oldestUnacknowledgedWallMilliseconds: Int64?
  /// Records on the device by kind (and level, for rated kinds), e.g. `rating:satisfied`.
  public let countsByKind: [String: Int]

  public var description: String {
    var lines = [
      "head         seq \(headSeq), hash \(Hex.encode(headHash).prefix(16))…",
      "acknowledged through seq \(acknowledgedThrough)",
      "backlog      \(backlog) records not yet acknowledged by the hub",
    ]
    if let oldest = oldestUnacknowledgedWallMilliseconds {
      lines.append("oldest unacknowledged  \(ISOTime.format(milliseconds: oldest, offsetSeconds: 0))")
    }
    for (kind, count) in countsByKind.sorted(by: { $0.key < $1.key }) { lines.append("  \(kind): \(count)") }
    return lines.joined(separator: "\n")
  }
}
