import CQRencode

/// A QR code made by libqrencode: a square of dark and light modules. Owns nothing after init.
public struct QRCode: Sendable, Equatable {
  /// Modules per side.
  public let size: Int
  /// Row-major, true for dark.
  public let modules: [Bool]

  /// Encodes `text` (UTF-8, 8-bit mode, error correction level M).
  public init(_ text: String) throws(ScreenError) {
    guard let code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) else {
      throw .qrCode("cannot encode \(text.utf8.count) bytes as a QR code")
    }
    defer { QRcode_free(code) }
    let width = Int(code.pointee.width)
    size = width
    // libqrencode's bit 0 of each byte is "dark".
    modules = (0..<width * width).map { code.pointee.data[$0] & 1 == 1 }
  }

  /// Whether the module at (x, y) is dark.
  public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }
}
