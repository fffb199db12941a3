import Foundation

/// The one JSON shape both ends use.
public enum WireCoding {
  /// An encoder for wire messages.
  public static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    // Keys are not sorted: sorting costs a third of encoding a page, and no reader needs it.
    encoder.outputFormatting = [.withoutEscapingSlashes]
    return encoder
  }

  /// A decoder for wire messages.
  public static func decoder() -> JSONDecoder { JSONDecoder() }

  /// What a decoding error says about the body, naming the field (dotted, `[i]` for array
  /// elements) and what was wrong with it, for a 400's message.
  public static func describe(_ error: any Error) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error as? DecodingError {
    case .keyNotFound(let key, let context):
      let parent = path(context.codingPath)
      return "missing field '\(parent.isEmpty ? "" : parent + ".")\(key.stringValue)'"
    case .typeMismatch(let type, let context): return "field '\(path(context.codingPath))' must be \(type)"
    case .valueNotFound(let type, let context):
      return "field '\(path(context.codingPath))' must be \(type), not null"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "the body is not JSON" : "field '\(path(context.codingPath))': \(context.debugDescription)"
    case nil: return "\(error)"
    @unknown default: return "\(error)"
    }
  }
}
