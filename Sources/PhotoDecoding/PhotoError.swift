/// Why a photo was refused; each case names what was wrong.
public enum PhotoError: Error, Equatable, Sendable, CustomStringConvertible {
  /// No bytes at all.
  case empty
  /// Larger than the limit, in bytes.
  case tooLarge(bytes: Int, limit: Int)
  /// Neither JPEG nor PNG (by its first bytes).
  case notJPEGOrPNG(firstBytes: String)
  /// More pixels than a photo needs (a decompression bomb, or a poster).
  case tooManyPixels(width: Int, height: Int, sideLimit: Int, pixelLimit: Int)
  /// It says JPEG or PNG but the decoder could not read it.
  case undecodable(format: String, reason: String)
  /// The photo file cannot be read.
  case unreadable(path: String, reason: String)

  public var description: String {
    switch self {
    case .empty: "the photo is empty"
    case .tooLarge(let bytes, let limit): "the photo is \(bytes) bytes; at most \(limit) bytes are accepted"
    case .notJPEGOrPNG(let first):
      "the photo is neither JPEG nor PNG (it starts with bytes \(first))"
    case .tooManyPixels(let width, let height, let sideLimit, let pixelLimit):
      "the photo is \(width)×\(height) pixels; at most \(pixelLimit) pixels in all and \(sideLimit) a side are accepted"
    case .undecodable(let format, let reason): "the \(format) photo cannot be decoded: \(reason)"
    case .unreadable(let path, let reason): "the photo file \(path) cannot be read: \(reason)"
    }
  }
}
