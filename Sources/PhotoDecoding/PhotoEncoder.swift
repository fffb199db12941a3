import CGdkPixbuf

extension PhotoDecoder {
  /// Encodes `photo` as `jpeg` or `png` through gdk-pixbuf: test fixtures and sample photos are
  /// made with it, so no picture file has to live in the repository.
  public static func encode(_ photo: Photo, as format: String) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: photo.width * photo.height * 3)
    for (index, pixel) in photo.pixels.enumerated() {
      bytes[index * 3] = UInt8(pixel >> 16 & 0xff)
      bytes[index * 3 + 1] = UInt8(pixel >> 8 & 0xff)
      bytes[index * 3 + 2] = UInt8(pixel & 0xff)
    }
    return bytes.withUnsafeBufferPointer { rgb -> [UInt8]? in
      guard
        let pixbuf = gdk_pixbuf_new_from_data(
          rgb.baseAddress, GDK_COLORSPACE_RGB, 0, 8, gint(photo.width), gint(photo.height),
          gint(photo.width * 3),
          nil, nil)
      else { return nil }
      defer { g_object_unref(UnsafeMutableRawPointer(pixbuf)) }
      var buffer: UnsafeMutablePointer<gchar>?
      var size: gsize = 0
      var error: UnsafeMutablePointer<GError>?
      guard gdk_pixbuf_save_to_bufferv(pixbuf, &buffer, &size, format, nil, nil, &error) != 0, let buffer
      else {
        if let error { g_error_free(error) }
        return nil
      }
      defer { g_free(buffer) }
      return Array(UnsafeRawBufferPointer(start: buffer, count: Int(size)))
    }
  }
}
