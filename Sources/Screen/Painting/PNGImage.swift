import CCairoPango

/// A PNG file read back into XRGB pixels, for comparing renderings with reference images.
public final class PNGImage {
  private let surface: OpaquePointer
  public let width: Int
  public let height: Int

  /// Reads `path`, or fails naming it.
  public init(path: String) throws(ScreenError) {
    let surface = cairo_image_surface_create_from_png(path)!
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
      let reason = String(cString: cairo_status_to_string(cairo_surface_status(surface)))
      cairo_surface_destroy(surface)
      throw .png(path: path, reason: reason)
    }
    self.surface = surface
    width = Int(cairo_image_surface_get_width(surface))
    height = Int(cairo_image_surface_get_height(surface))
  }

  deinit { cairo_surface_destroy(surface) }

  /// The pixel at (x, y) as (red, green, blue).
  public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
    let stride = Int(cairo_image_surface_get_stride(surface))
    let value = UnsafeRawPointer(cairo_image_surface_get_data(surface)!).load(
      fromByteOffset: y * stride + x * 4, as: UInt32.self)
    return (UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff))
  }
}
