import Foundation
import PhotoDecoding
import RecordChain
import SyncProtocol

/// A clerk signing in, checked: name and 工号 within bounds, the photo (if any) decoded.
public struct ClerkSignIn: Sendable, Equatable {
  /// What the ledger record says.
  public var record: ClerkRecord
  /// The decoded photo, for the card.
  public var photo: Photo?
  /// The photo file as it came, kept so a restarted pad shows it again.
  public var photoBytes: [UInt8]?

  /// Makes a sign-in from parts already checked.
  public init(record: ClerkRecord, photo: Photo? = nil, photoBytes: [UInt8]? = nil) {
    self.record = record
    self.photo = photo
    self.photoBytes = photoBytes
  }

  /// Longest name the card shows, in characters.
  public static let nameLimit = 32
  /// Longest 工号, in characters.
  public static let staffNumberLimit = 64

  /// Checks a counter system's order; a refusal names the field and what was wrong with it.
  static func checked(_ order: ClerkOrder, decoder: PhotoDecoder) throws(ProblemResponse) -> ClerkSignIn {
    try checkText(order.name, field: "name", limit: nameLimit)
    try checkText(order.staffNumber, field: "staff_number", limit: staffNumberLimit)
    guard let base64 = order.photo else {
      return ClerkSignIn(record: ClerkRecord(name: order.name, staffNumber: order.staffNumber))
    }
    guard let data = Data(base64Encoded: base64) else {
      throw ProblemResponse(.badRequest, "bad_photo", "field 'photo' is not base64")
    }
    let bytes = [UInt8](data)
    let photo: Photo
    do { photo = try decoder.decode(bytes, identity: PhotoDecoder.sha256(bytes)) } catch {
      switch error {
      case .tooLarge:
        throw ProblemResponse(.contentTooLarge, "photo_too_large", "field 'photo': \(error)")
      case .tooManyPixels:
        throw ProblemResponse(.contentTooLarge, "photo_too_many_pixels", "field 'photo': \(error)")
      case .notJPEGOrPNG:
        throw ProblemResponse(.unsupportedMediaType, "unsupported_photo", "field 'photo': \(error)")
      default:
        throw ProblemResponse(.badRequest, "bad_photo", "field 'photo': \(error)")
      }
    }
    return ClerkSignIn(
      record: ClerkRecord(name: order.name, staffNumber: order.staffNumber, photoSHA256: photo.identity),
      photo: photo, photoBytes: bytes)
  }

  private static func checkText(_ value: String, field: String, limit: Int) throws(ProblemResponse) {
    guard !value.isEmpty else {
      throw ProblemResponse(.badRequest, "bad_request", "field '\(field)' is empty")
    }
    guard value.count <= limit else {
      throw ProblemResponse(
        .badRequest, "bad_request",
        "field '\(field)' is \(value.count) characters long; at most \(limit) are allowed")
    }
    let hasControl = value.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }
    if hasControl || value.first!.isWhitespace || value.last!.isWhitespace {
      throw ProblemResponse(
        .badRequest, "bad_request", "field '\(field)' contains control characters or leading/trailing spaces")
    }
  }
}
