/// A decoded photo: XRGB8888 pixels (0x00RRGGBB), row by row, alpha already laid over white.
/// A plain value; nothing of the decoder survives decoding.
public struct Photo: Sendable, Hashable {
  /// Width in pixels.
  public let width: Int
  /// Height in pixels.
  public let height: Int
  /// `width * height` pixels, 0x00RRGGBB.
  public let pixels: [UInt32]
  /// What the photo is (e.g. the SHA-256 of the file it came from): equal identities mean equal
  /// photos, so comparing screens never compares a million pixels.
  public let identity: String

  /// Makes a photo from pixels someone drew or decoded.
  public init(width: Int, height: Int, pixels: [UInt32], identity: String) {
    precondition(width > 0 && height > 0 && pixels.count == width * height, "pixels do not fill the photo")
    self.width = width
    self.height = height
    self.pixels = pixels
    self.identity = identity
  }

  public static func == (a: Photo, b: Photo) -> Bool {
    a.identity == b.identity && a.width == b.width && a.height == b.height
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(identity)
    hasher.combine(width)
    hasher.combine(height)
  }
}
