import CCairoPango
import PhotoDecoding

extension Canvas {
  /// Draws `photo` scaled to cover `rect` (cropped evenly, never stretched), clipped to its
  /// rounded corners.
  public func photo(_ photo: Photo, cover rect: Rect, radius: Double = 0) {
    guard rect.width > 0, rect.height > 0 else { return }
    let image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(photo.width), Int32(photo.height))!
    defer { cairo_surface_destroy(image) }
    let stride = Int(cairo_image_surface_get_stride(image))
    let data = UnsafeMutableRawPointer(cairo_image_surface_get_data(image)!)
    photo.pixels.withUnsafeBytes { source in
      for y in 0..<photo.height {
        (data + y * stride).copyMemory(
          from: source.baseAddress! + y * photo.width * 4, byteCount: photo.width * 4)
      }
    }
    cairo_surface_mark_dirty(image)
    let scale = max(rect.width / Double(photo.width), rect.height / Double(photo.height))
    withClip(rect, radius: radius) { context in
      cairo_translate(
        context, rect.midX - Double(photo.width) * scale / 2, rect.midY - Double(photo.height) * scale / 2)
      cairo_scale(context, scale, scale)
      cairo_set_source_surface(context, image, 0, 0)
      // GOOD downscales with a box filter in cairo ≥ 1.14: no aliasing from a large photo.
      cairo_pattern_set_filter(cairo_get_source(context), CAIRO_FILTER_GOOD)
      // Pixels at the photo's edge stretch outwards rather than fading into the card.
      cairo_pattern_set_extend(cairo_get_source(context), CAIRO_EXTEND_PAD)
      cairo_paint(context)
    }
  }
}
