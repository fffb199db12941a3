/// Walks records in order and finds the first one that breaks the chain; the hub uses it too.
public struct ChainVerifier {
  /// The hash before the first record.
  public static let genesis = [UInt8](repeating: 0, count: 32)

  private let publicKey: DevicePublicKey
  private var previousHash: [UInt8]
  /// The seq of the last record that verified (the anchor before any).
  public private(set) var lastSeq: Int64
  /// How many records verified.
  public private(set) var verified = 0

  /// Starts after `afterSeq`, whose hash was `previousHash` (0 and the genesis for a full chain).
  public init(publicKey: DevicePublicKey, afterSeq: Int64 = 0, previousHash: [UInt8] = ChainVerifier.genesis)
  {
    self.publicKey = publicKey
    self.previousHash = previousHash
    self.lastSeq = afterSeq
  }

  /// Checks the next record; returns the problem if it breaks the chain.
  ///
  /// A record's signature covers its hash, which covers every record before it, so a reader
  /// that checks every hash may check the signature only on the last record of a batch.
  public mutating func check(_ record: LedgerRecord, signature: Bool = true) -> VerificationReport? {
    func broken(_ problem: String) -> VerificationReport {
      .broken(seq: record.seq, problem: problem, verified: verified)
    }
    // Seqs come from outside: compared without arithmetic that could overflow.
    if record.seq <= lastSeq || record.seq.subtractingReportingOverflow(lastSeq) != (1, false) {
      return record.seq > lastSeq
        ? .broken(
          seq: lastSeq + 1, problem: "is missing (the next record is seq \(record.seq))", verified: verified)
        : broken("is out of order after seq \(lastSeq)")
    }
    let encoding = CanonicalEncoding.encode(
      seq: record.seq, uuid: record.uuid, time: record.time, entry: record.entry)
    let hash = CanonicalEncoding.chainHash(previous: previousHash, encoding: encoding)
    guard hash == record.hash else {
      return broken(
        record.hash.count != 32
          ? "has no valid hash" : "was altered: its content does not match its hash or the previous record's")
    }
    guard !signature || publicKey.isValid(signature: record.signature, for: record.hash) else {
      return broken("has a signature that is not the device's")
    }
    previousHash = hash
    lastSeq = record.seq
    verified += 1
    return nil
  }
}

/// The outcome of verifying a chain.
public enum VerificationReport: Equatable, Sendable, CustomStringConvertible {
  /// Every record verified.
  case intact(count: Int, head: Int64)
  /// The first bad record, and how many verified before it.
  case broken(seq: Int64, problem: String, verified: Int)

  /// True when nothing is wrong.
  public var isIntact: Bool { if case .intact = self { true } else { false } }

  public var description: String {
    switch self {
    case .intact(let count, let head): "ledger intact: \(count) records verified, head seq \(head)"
    case .broken(let seq, let problem, let verified):
      "ledger BROKEN at seq \(seq): the record \(problem) (\(verified) records before it verified)"
    }
  }
}
