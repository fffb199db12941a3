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
}
