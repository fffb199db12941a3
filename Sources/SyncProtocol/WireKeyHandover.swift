import Foundation
import RecordChain

/// A key handover as it travels in a device card and a push page: see `KeyHandover`.
public struct WireKeyHandover: Codable, Sendable, Hashable {
  /// The fingerprint of the key that signed it.
  public var from: String
  /// The new key, base64 of its 32 raw bytes.
  public var publicKey: String
  public var signedAtMilliseconds: Int64
  /// Base64 of the 64-byte Ed25519 signature.
  public var signature: String

  enum CodingKeys: String, CodingKey {
    case from, signature
    case publicKey = "public_key"
    case signedAtMilliseconds = "signed_at_ms"
  }

  /// The most a card or page may carry: a pad starts over rarely, and the hub reads no more.
  public static let limit = 64

  /// A handover with these fields, as it travels.
  public init(from: String, publicKey: String, signedAtMilliseconds: Int64, signature: String) {
    self.from = from
    self.publicKey = publicKey
    self.signedAtMilliseconds = signedAtMilliseconds
    self.signature = signature
  }

  /// A handover for the wire.
  public init(_ handover: KeyHandover) {
    from = handover.previousFingerprint
    publicKey = handover.next.base64
    signedAtMilliseconds = handover.signedAtMilliseconds
    signature = Data(handover.signature).base64EncodedString()
  }

  /// The handover, or an error naming the field that cannot be one.
  public func keyHandover() throws(JSONFormatError) -> KeyHandover {
    guard let raw = Data(base64Encoded: publicKey),
      let next = try? DevicePublicKey(rawRepresentation: Array(raw))
    else { throw JSONFormatError("handover from \(from): field 'public_key' is not an Ed25519 public key") }
    guard let signature = Data(base64Encoded: signature), signature.count == 64 else {
      throw JSONFormatError("handover from \(from): field 'signature' is not 64 bytes in base64")
    }
    return KeyHandover(
      previousFingerprint: from, next: next, signedAtMilliseconds: signedAtMilliseconds,
      signature: Array(signature))
  }

  /// Every handover of a card or page, read; nil (absent) reads as none.
  public static func keyHandovers(_ wire: [WireKeyHandover]?) throws(JSONFormatError) -> [KeyHandover] {
    var handovers: [KeyHandover] = []
    for item in wire ?? [] { handovers.append(try item.keyHandover()) }
    return handovers
  }

  /// Appends the handover as a JSON object.
  public func write(to writer: inout JSONWriter) {
    writer.beginObject()
    writer.field(CodingKeys.from, from)
    writer.field(CodingKeys.publicKey, publicKey)
    writer.field(CodingKeys.signedAtMilliseconds, signedAtMilliseconds)
    writer.field(CodingKeys.signature, signature)
    writer.endObject()
  }

  /// A handover from its JSON object.
  public init(json: JSONValue, context: String = "") throws(JSONFormatError) {
    let fields = try JSONFields(json, keyedBy: CodingKeys.self, context: context)
    from = try fields.string(.from)
    publicKey = try fields.string(.publicKey)
    signedAtMilliseconds = try fields.integer(.signedAtMilliseconds, in: RecordLimits.wallMilliseconds)
    signature = try fields.string(.signature)
  }
}
