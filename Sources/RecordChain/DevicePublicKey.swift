import Crypto
import Foundation

/// A device's public key, as the hub enrols it.
public struct DevicePublicKey: Sendable, Hashable {
  /// The raw 32 bytes.
  public let raw: [UInt8]

  /// Wraps raw public key bytes (32), e.g. from the hub's enrolment record.
  public init(rawRepresentation: [UInt8]) throws {
    raw = Array(try Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation).rawRepresentation)
  }

  /// Wraps a swift-crypto key (the ledger makes one from the device's private key).
  package init(key: Curve25519.Signing.PublicKey) { raw = Array(key.rawRepresentation) }

  /// Base64 of the raw bytes.
  public var base64: String { Data(raw).base64EncodedString() }
  /// A short fingerprint to read out at enrolment: SHA-256 of the key, first 16 bytes in hex.
  public var fingerprint: String { Hex.encode(Array(SHA256.hash(data: raw).prefix(16))) }

  func isValid(signature: [UInt8], for hash: [UInt8]) -> Bool {
    guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
    return key.isValidSignature(signature, for: hash)
  }
}
