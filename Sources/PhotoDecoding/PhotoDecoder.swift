import CGdkPixbuf
import Synchronization

/// Decodes JPEG and PNG photos through gdk-pixbuf: the one wrapper of that library, the only
/// type that holds its pointers. Only gdk-pixbuf's built-in JPEG and PNG decoders ever run (the
/// format is chosen from the first bytes), the size the header declares is checked before
/// gdk-pixbuf sees a byte, one photo is decoded at a time in the process, the photo is scaled
/// down while it is decoded, and EXIF orientation is applied.
public struct PhotoDecoder: Sendable {
  /// The largest file accepted, in bytes.
  public var byteLimit: Int
  /// The largest width or height a file may declare.
  public var sideLimit: Int
  /// The most pixels (width × height) a file may declare. gdk-pixbuf's PNG loader holds the whole
  /// image at its declared size (3 or 4 bytes a pixel) before scaling it down, so this bounds the
  /// memory a decode takes: 4 Mpx, 16 MiB at most.
  public var pixelLimit: Int
  /// Decoded photos are scaled down so that neither side exceeds this (the card needs no more).
  public var decodedSide: Int

  /// A decoder with limits fit for a clerk's photo.
  public init(
    byteLimit: Int = 512 * 1024, sideLimit: Int = 6000, pixelLimit: Int = 2048 * 2048, decodedSide: Int = 800
  ) {
    self.byteLimit = byteLimit
    self.sideLimit = sideLimit
    self.pixelLimit = pixelLimit
    self.decodedSide = decodedSide
  }

  /// The format by its first bytes: `image/jpeg`, `image/png`, or nil.
  public static func mimeType(of bytes: [UInt8]) -> String? {
    if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
    if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
    return nil
  }

  /// The SHA-256 of `bytes`, in hex (GLib's checksum, which comes with gdk-pixbuf): a photo's identity.
  public static func sha256(_ bytes: [UInt8]) -> String {
    let text = bytes.withUnsafeBufferPointer {
      g_compute_checksum_for_data(G_CHECKSUM_SHA256, $0.baseAddress, gsize($0.count))
    }!
    defer { g_free(text) }
    return String(cString: text)
  }

  /// Reads and decodes a photo file.
  public func decode(file path: String, identity: String? = nil) throws(PhotoError) -> Photo {
    var bytes: [UInt8] = []
    var error: UnsafeMutablePointer<GError>?
    var contents: UnsafeMutablePointer<gchar>?
    var length: gsize = 0
    guard g_file_get_contents(path, &contents, &length, &error) != 0, let contents else {
      throw .unreadable(path: path, reason: Self.take(error))
    }
    defer { g_free(contents) }
    bytes = Array(UnsafeRawBufferPointer(start: contents, count: Int(length)))
    return try decode(bytes, identity: identity ?? Self.sha256(bytes))
  }

  /// Decodes `bytes` (JPEG or PNG) into a photo named `identity`.
  public func decode(_ bytes: [UInt8], identity: String) throws(PhotoError) -> Photo {
    guard !bytes.isEmpty else { throw .empty }
    guard bytes.count <= byteLimit else { throw .tooLarge(bytes: bytes.count, limit: byteLimit) }
    guard let mime = Self.mimeType(of: bytes) else {
      throw .notJPEGOrPNG(firstBytes: bytes.prefix(8).map { String(format2: $0) }.joined(separator: " "))
    }
    let format = mime == "image/jpeg" ? "JPEG" : "PNG"
    // From the header, before any pixel exists: a few kilobytes of zeros can declare 36 Mpx.
    let (width, height) = try PhotoHeader.dimensions(of: bytes, jpeg: mime == "image/jpeg")
    try checkSize(width, height)
    // One decode at a time: concurrent sign-ins would otherwise each hold a full-size image.
    return try Self.turn.withLock { _ throws(PhotoError) -> Photo in
      try loaded(bytes, mime: mime, format: format, identity: identity)
    }
  }

  /// Whether a photo of this size may be decoded.
  public func checkSize(_ width: Int, _ height: Int) throws(PhotoError) {
    if max(width, height) > sideLimit || width * height > pixelLimit {
      throw .tooManyPixels(width: width, height: height, sideLimit: sideLimit, pixelLimit: pixelLimit)
    }
  }

  /// The process's one decode in progress.
  private static let turn = Mutex(())

  private func loaded(_ bytes: [UInt8], mime: String, format: String, identity: String) throws(PhotoError)
    -> Photo
  {
    var error: UnsafeMutablePointer<GError>?
    guard let loader = gdk_pixbuf_loader_new_with_mime_type(mime, &error) else {
      throw .undecodable(format: format, reason: Self.take(error))
    }
    defer { g_object_unref(UnsafeMutableRawPointer(loader)) }
    let size = SizeCheck(sideLimit: sideLimit, pixelLimit: pixelLimit, decodedSide: decodedSide)
    let box = Unmanaged.passRetained(size)
    defer { box.release() }
    let prepared: @convention(c) (UnsafeMutablePointer<GdkPixbufLoader>?, gint, gint, gpointer?) -> Void = {
      loader, width, height, data in
      guard let data else { return }
      let size = Unmanaged<SizeCheck>.fromOpaque(data).takeUnretainedValue()
      size.declared = (Int(width), Int(height))
      let (w, h) = size.scaled(Int(width), Int(height))
      gdk_pixbuf_loader_set_size(loader, gint(w), gint(h))
    }
    g_signal_connect_data(
      UnsafeMutableRawPointer(loader), "size-prepared", unsafeBitCast(prepared, to: GCallback.self),
      box.toOpaque(), nil, GConnectFlags(rawValue: 0))
    // In chunks, so a file whose decoder sees a size its header did not declare is still dropped
    // before its pixels are decoded.
    var offset = 0
    while offset < bytes.count {
      let end = min(bytes.count, offset + 16 * 1024)
      let written = bytes[offset..<end].withUnsafeBufferPointer {
        gdk_pixbuf_loader_write(loader, $0.baseAddress, gsize($0.count), &error)
      }
      if let (width, height) = size.declared, size.refuses(width, height) {
        gdk_pixbuf_loader_close(loader, nil)
        throw .tooManyPixels(width: width, height: height, sideLimit: sideLimit, pixelLimit: pixelLimit)
      }
      guard written != 0 else {
        gdk_pixbuf_loader_close(loader, nil)
        throw .undecodable(format: format, reason: Self.take(error))
      }
      offset = end
    }
    guard gdk_pixbuf_loader_close(loader, &error) != 0 else {
      throw .undecodable(format: format, reason: Self.take(error))
    }
    guard let loaded = gdk_pixbuf_loader_get_pixbuf(loader) else {
      throw .undecodable(format: format, reason: "no image in the file")
    }
    // A new reference, turned as the camera's EXIF orientation says (the same one if none).
    guard let pixbuf = gdk_pixbuf_apply_embedded_orientation(loaded) else {
      throw .undecodable(format: format, reason: "cannot apply its orientation")
    }
    defer { g_object_unref(UnsafeMutableRawPointer(pixbuf)) }
    return Self.photo(of: pixbuf, identity: identity)
  }

  private static func photo(of pixbuf: OpaquePointer, identity: String) -> Photo {
    let width = Int(gdk_pixbuf_get_width(pixbuf))
    let height = Int(gdk_pixbuf_get_height(pixbuf))
    let stride = Int(gdk_pixbuf_get_rowstride(pixbuf))
    let channels = Int(gdk_pixbuf_get_n_channels(pixbuf))
    let alpha = gdk_pixbuf_get_has_alpha(pixbuf) != 0
    let data = gdk_pixbuf_read_pixels(pixbuf)!
    var pixels = [UInt32](repeating: 0, count: width * height)
    for y in 0..<height {
      let row = data + y * stride
      for x in 0..<width {
        let p = row + x * channels
        var (r, g, b) = (UInt32(p[0]), UInt32(p[1]), UInt32(p[2]))
        if alpha {
          // Over white, the card's colour.
          let a = UInt32(p[3])
          r = (r * a + 255 * (255 - a)) / 255
          g = (g * a + 255 * (255 - a)) / 255
          b = (b * a + 255 * (255 - a)) / 255
        }
        pixels[y * width + x] = r << 16 | g << 8 | b
      }
    }
    return Photo(width: width, height: height, pixels: pixels, identity: identity)
  }

  /// The message of a GError, which it frees.
  private static func take(_ error: UnsafeMutablePointer<GError>?) -> String {
    guard let error else { return "unknown error" }
    defer { g_error_free(error) }
    return String(cString: error.pointee.message)
  }
}

/// What the size-prepared callback saw, and the size it asked for.
private final class SizeCheck {
  let sideLimit: Int
  let pixelLimit: Int
  let decodedSide: Int
  var declared: (Int, Int)?

  init(sideLimit: Int, pixelLimit: Int, decodedSide: Int) {
    self.sideLimit = sideLimit
    self.pixelLimit = pixelLimit
    self.decodedSide = decodedSide
  }

  func refuses(_ width: Int, _ height: Int) -> Bool {
    max(width, height) > sideLimit || width * height > pixelLimit
  }

  /// The decoded size: at most `decodedSide` a side, same shape; none when refused, which makes
  /// gdk-pixbuf's loaders stop before they allocate the image.
  func scaled(_ width: Int, _ height: Int) -> (Int, Int) {
    if refuses(width, height) { return (0, 0) }
    let longest = max(width, height)
    guard longest > decodedSide else { return (width, height) }
    let factor = Double(decodedSide) / Double(longest)
    return (max(1, Int((Double(width) * factor).rounded())), max(1, Int((Double(height) * factor).rounded())))
  }
}

extension String {
  /// Two hex digits.
  fileprivate init(format2 byte: UInt8) {
    let digits = Array("0123456789abcdef")
    self.init([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
  }
}
