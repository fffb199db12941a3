import Foundation

/// The one JSON shape both ends use.
public enum WireCoding {
  /// An encoder for wire messages.
  public static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  /// A decoder for wire messages.
  public static func decoder() -> JSONDecoder { JSONDecoder() }
}
