import Foundation

/// A bearer secret: loaded from a file only the agent may read, compared in constant time.
public struct AccessToken: Sendable {
  private let secret: [UInt8]
  /// Shortest secret accepted: anything guessable is refused at start, not discovered in the field.
  public static let minimumLength = 16

  /// Wraps a secret; it must be at least `minimumLength` printable characters.
  public init(secret: String) throws(TokenError) {
    let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.utf8.count >= Self.minimumLength else {
      throw .badSecret("a token must have at least \(Self.minimumLength) characters")
    }
    guard trimmed.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7f }) else {
      throw .badSecret("a token may hold only printable ASCII without spaces")
    }
    self.secret = Array(trimmed.utf8)
  }

  /// Reads a token file, refusing one that anybody but its owner can read.
  public static func load(path: String) throws(TokenError) -> AccessToken {
    let data: Data
    do { data = try OwnerOnlyFile.read(path, what: "the token file") } catch {
      throw .badSecret(error.description)
    }
    do { return try AccessToken(secret: String(decoding: data, as: UTF8.self)) } catch {
      throw .badSecret("\(path): \(error)")
    }
  }

  /// Whether an `Authorization` header carries this token; its time does not depend on where they differ.
  public func matches(authorization header: String?) -> Bool {
    guard let header, header.hasPrefix("Bearer ") else { return false }
    let presented = Array(header.utf8.dropFirst(7))
    var difference = UInt8(presented.count == secret.count ? 0 : 1)
    for index in 0..<secret.count {
      difference |= secret[index] ^ (index < presented.count ? presented[index] : 0)
    }
    return difference == 0
  }

  /// The header value that presents this token.
  public var authorization: String { "Bearer " + String(decoding: secret, as: UTF8.self) }
}

/// A token or token file that cannot be used, and why.
public struct TokenError: Error, Equatable, CustomStringConvertible {
  /// What is wrong.
  public let description: String

  static func badSecret(_ problem: String) -> TokenError { TokenError(description: problem) }
}
