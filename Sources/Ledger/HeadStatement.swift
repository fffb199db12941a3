import Crypto
import Foundation

/// The device's signed word on its chain head: "my ledger ends at seq N with hash H, as of T".
///
/// A hub that holds every record up to N with hash H knows nothing before N is missing or
/// altered; one that holds fewer knows exactly how many are still to come.
public struct HeadStatement: Sendable, Hashable {
  /// The device that signs it (its key fingerprint).
  public let fingerprint: String
  /// The last record's seq (0 for an empty chain).
  public let seq: Int64
  /// The last record's hash.
  public let hash: [UInt8]
  /// When the device signed it, wall-clock milliseconds.
  public let signedAtMilliseconds: Int64
  /// Ed25519 over `signedBytes`.
  public let signature: [UInt8]

  /// Makes a statement as received; check it with `isValid(for:)`.
  public init(fingerprint: String, seq: Int64, hash: [UInt8], signedAtMilliseconds: Int64, signature: [UInt8])
  {
    self.fingerprint = fingerprint
    self.seq = seq
    self.hash = hash
    self.signedAtMilliseconds = signedAtMilliseconds
    self.signature = signature
  }

  /// Signs the head of `ledger` with `key`.
  public static func sign(
    seq: Int64, hash: [UInt8], key: DeviceKey, at milliseconds: Int64
  ) throws(LedgerError) -> HeadStatement {
    let fingerprint = key.publicKey.fingerprint
    let bytes = signedBytes(fingerprint: fingerprint, seq: seq, hash: hash, at: milliseconds)
    do {
      return HeadStatement(
        fingerprint: fingerprint, seq: seq, hash: hash, signedAtMilliseconds: milliseconds,
        signature: try key.sign(bytes))
    } catch {
      throw .deviceKey(path: "", problem: "cannot sign the head: \(error)")
    }
  }

  /// Whether `publicKey` signed exactly this statement.
  public func isValid(for publicKey: DevicePublicKey) -> Bool {
    publicKey.fingerprint == fingerprint
      && publicKey.isValid(
        signature: signature,
        for: Self.signedBytes(fingerprint: fingerprint, seq: seq, hash: hash, at: signedAtMilliseconds))
  }

  /// A line of text, so nothing about the statement depends on a binary layout.
  static func signedBytes(fingerprint: String, seq: Int64, hash: [UInt8], at milliseconds: Int64) -> [UInt8] {
    Array("ratingpad-head-v1 \(fingerprint) \(seq) \(Hex.encode(hash)) \(milliseconds)".utf8)
  }
}
