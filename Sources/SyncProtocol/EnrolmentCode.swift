import Foundation
import RecordChain

/// What a pad shows (as a QR code) and prints at provisioning for the hub to enrol it:
/// `ratingpad:DEVICE-ID:FINGERPRINT:PUBLIC-KEY`, the key in base64. The fingerprint lets a
/// person read the code out and lets the hub catch a garbled scan.
public struct EnrolmentCode: Sendable, Equatable {
  /// The pad's device id (area code, window, kind).
  public let deviceID: String
  /// The pad's public key, base64.
  public let publicKey: String
  /// The key's fingerprint.
  public let fingerprint: String

  /// The code for `key` on device `deviceID`.
  public init(deviceID: String, key: DevicePublicKey) {
    self.deviceID = deviceID
    publicKey = key.base64
    fingerprint = key.fingerprint
  }

  /// Reads a scanned or typed code; a code that does not hold together is named.
  public init(text: String) throws(EnrolmentCodeError) {
    let parts = text.trimmingCharacters(in: .whitespacesAndNewlines).split(
      separator: ":", omittingEmptySubsequences: false)
    guard parts.first == "ratingpad" else { throw .notACode(text) }
    guard parts.count == 4 else {
      throw .malformed(
        text, "it has \(parts.count - 1) fields, not 3 (a pad provisioned before codes held its key?)")
    }
    guard let raw = Data(base64Encoded: String(parts[3])),
      let key = try? DevicePublicKey(rawRepresentation: Array(raw))
    else { throw .malformed(text, "its public key is not a base64 Ed25519 key") }
    guard key.fingerprint == parts[2] else {
      throw .malformed(text, "its fingerprint \(parts[2]) is not its key's (\(key.fingerprint))")
    }
    self.init(deviceID: String(parts[1]), key: key)
  }

  /// The code's text.
  public var text: String { "ratingpad:\(deviceID):\(fingerprint):\(publicKey)" }
}

/// An enrolment code that cannot be used, and why.
public enum EnrolmentCodeError: Error, Equatable, CustomStringConvertible {
  case notACode(String)
  case malformed(String, String)

  public var description: String {
    switch self {
    case .notACode(let text): "'\(text)' is not a ratingpad enrolment code (ratingpad:DEVICE:FINGERPRINT:KEY)"
    case .malformed(let text, let why): "enrolment code '\(text)': \(why)"
    }
  }
}
