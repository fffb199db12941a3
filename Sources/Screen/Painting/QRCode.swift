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

  /// The code for a terminal: two modules per character cell (half blocks), dark on light, with
  /// the four-module quiet zone scanners need.
  public var terminalText: String {
    let quiet = 4
    let span = -quiet..<(size + quiet)
    func dark(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < size && y < size && isDark(x: x, y: y) }
    var lines: [String] = []
    for y in stride(from: -quiet, to: size + quiet, by: 2) {
      // Light modules print as blocks so the code reads on a dark terminal too.
      lines.append(
        String(
          span.map { x -> Character in
            switch (dark(x, y), dark(x, y + 1)) {
            case (false, false): "█"
            case (false, true): "▀"
            case (true, false): "▄"
            case (true, true): " "
            }
          }))
    }
    return lines.joined(separator: "\n")
  }

  /// Whether the module at (x, y) is dark.
  public func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }
}
