import Foundation

/// Who is on duty at the window, as a `clerk_on_duty` or `clerk_off_duty` record says it: the
/// record's detail is a small JSON object (name, staff number, the photo's SHA-256), so the hub
/// and a restarted pad read back exactly who was signed in. The photo itself stays on the pad.
public struct ClerkRecord: Sendable, Hashable, Codable {
  /// The clerk's name.
  public var name: String
  /// 工号.
  public var staffNumber: String
  /// SHA-256 (hex) of the photo file, when one was given.
  public var photoSHA256: String?

  enum CodingKeys: String, CodingKey {
    case name
    case staffNumber = "staff_number"
    case photoSHA256 = "photo_sha256"
  }

  /// Makes a record's content.
  public init(name: String, staffNumber: String, photoSHA256: String? = nil) {
    self.name = name
    self.staffNumber = staffNumber
    self.photoSHA256 = photoSHA256
  }

  /// The entry signing this clerk in.
  public var signInEntry: LedgerEntry { LedgerEntry.device(.clerkOnDuty, detail: detailText) }

  /// The entry signing this clerk out (nil: nobody was on duty, or who is not known).
  public static func signOutEntry(_ leaving: ClerkRecord?) -> LedgerEntry {
    LedgerEntry.device(.clerkOffDuty, detail: leaving?.detailText ?? "{}")
  }

  /// The detail text: sorted keys, so the same clerk always reads the same.
  public var detailText: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
  }

  /// Reads a record's detail back; nil when it is not a clerk's (e.g. `{}` after an unknown sign-out).
  public init?(detail: String?) {
    guard let detail, let clerk = try? JSONDecoder().decode(ClerkRecord.self, from: Data(detail.utf8)) else {
      return nil
    }
    self = clerk
  }
}
