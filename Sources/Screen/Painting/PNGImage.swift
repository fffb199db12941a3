/// A PNG file read back into XRGB pixels, for comparing renderings with reference images.
public struct PNGImage: Sendable {
  public let width: Int
  public let height: Int
  private let pixels: [UInt32]

  /// Reads `path`, or fails naming it.
  public init(path: String) throws(ScreenError) {
    (width, height, pixels) = try Canvas.readPNG(path: path)
  }

  /// The pixel at (x, y) as (red, green, blue).
  public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
    let value = pixels[y * width + x]
    return (UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff))
  }
}
