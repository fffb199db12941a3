import Crypto
import Foundation
import SyncProtocol

/// Seals an applicant's identity for the database and opens it again: AES-256-GCM under the
/// hub's case key (`CaseKeyFile`), bound to its case number (so a sealed identity copied to
/// another case's row does not open), stored as base64 of nonce, ciphertext and tag, the same
/// text on both engines.
public struct IdentitySeal: Sendable {
  /// The key's bytes: swift-crypto's `SymmetricKey` is not `Sendable`, so one is made for each use.
  private let keyBytes: [UInt8]

  /// Seals with `key` (32 bytes).
  public init(key: SymmetricKey) { keyBytes = key.withUnsafeBytes { Array($0) } }

  private var key: SymmetricKey { SymmetricKey(data: keyBytes) }

  /// The identity sealed for case `number`.
  func seal(_ identity: ApplicantIdentity, number: String) throws -> String {
    let plain = try WireCoding.encoder().encode(identity)
    let box = try AES.GCM.seal(plain, using: key, authenticating: Data(number.utf8))
    // A fresh random 12-byte nonce each time, so `combined` is always present.
    return box.combined!.base64EncodedString()
  }

  /// The identity sealed for case `number`; an error when it does not open with this key.
  func open(_ sealed: String, number: String) throws -> ApplicantIdentity {
    do {
      guard let bytes = Data(base64Encoded: sealed) else { throw HubStoreError("not base64") }
      let plain = try AES.GCM.open(
        try AES.GCM.SealedBox(combined: bytes), using: key, authenticating: Data(number.utf8))
      return try WireCoding.decoder().decode(ApplicantIdentity.self, from: plain)
    } catch {
      throw HubStoreError(
        "the applicant identity of case \(number) does not open with the configured cases.key_file (another key?): \(error)"
      )
    }
  }
}
