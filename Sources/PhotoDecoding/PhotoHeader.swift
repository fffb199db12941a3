/// The width and height a JPEG or PNG file declares, read from its header (PNG's IHDR, JPEG's
/// SOFn) without decoding: a photo too large to decode is refused before any pixel is allocated.
enum PhotoHeader {
  /// The declared size of `bytes`, whose format `mimeType(of:)` has already named.
  static func dimensions(of bytes: [UInt8], jpeg: Bool) throws(PhotoError) -> (width: Int, height: Int) {
    let size = jpeg ? try jpegSize(bytes) : try pngSize(bytes)
    guard size.width > 0, size.height > 0 else {
      throw .undecodable(
        format: jpeg ? "JPEG" : "PNG", reason: "its header declares \(size.width)×\(size.height) pixels")
    }
    return size
  }

  /// IHDR is the first chunk, right after the signature (the PNG specification's rule).
  private static func pngSize(_ bytes: [UInt8]) throws(PhotoError) -> (width: Int, height: Int) {
    guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else {
      throw .undecodable(format: "PNG", reason: "no IHDR header after the signature")
    }
    return (Int(bigEndian32(bytes, at: 16)), Int(bigEndian32(bytes, at: 20)))
  }

  /// Walks the markers up to the first frame header. Anything but a clean marker sequence is
  /// refused, so the frame header found here is the one the decoder will read.
  private static func jpegSize(_ bytes: [UInt8]) throws(PhotoError) -> (width: Int, height: Int) {
    var index = 2
    while index < bytes.count {
      guard bytes[index] == 0xFF else {
        throw .undecodable(format: "JPEG", reason: "no marker at byte \(index) before its frame header")
      }
      while index < bytes.count, bytes[index] == 0xFF { index += 1 }  // fill bytes
      guard index < bytes.count else { break }
      let marker = bytes[index]
      index += 1
      // Markers without a length: restarts and TEM.
      if (0xD0...0xD7).contains(marker) || marker == 0x01 { continue }
      if marker == 0xD9 || marker == 0xDA {
        throw .undecodable(format: "JPEG", reason: "no frame header (SOF) before its scan")
      }
      guard index + 2 <= bytes.count else { break }
      let length = Int(bytes[index]) << 8 | Int(bytes[index + 1])
      guard length >= 2 else {
        throw .undecodable(format: "JPEG", reason: "a segment at byte \(index) has length \(length)")
      }
      // SOF0…SOF15 but DHT (C4), JPG (C8) and DAC (CC): precision, height, width.
      if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
        guard length >= 7, index + 7 <= bytes.count else { break }
        let height = Int(bytes[index + 3]) << 8 | Int(bytes[index + 4])
        let width = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
        return (width, height)
      }
      index += length
    }
    throw .undecodable(format: "JPEG", reason: "the file ends before its frame header (SOF)")
  }

  private static func bigEndian32(_ bytes: [UInt8], at index: Int) -> UInt32 {
    UInt32(bytes[index]) << 24 | UInt32(bytes[index + 1]) << 16 | UInt32(bytes[index + 2]) << 8
      | UInt32(bytes[index + 3])
  }
}
