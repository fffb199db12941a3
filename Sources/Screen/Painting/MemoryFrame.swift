import Glibc

/// An XRGB8888 frame in memory: what tests and `ratingpad screenshot` draw into.
public final class MemoryFrame {
  public let width: Int
  public let height: Int
  public let stride: Int
  private let pixels: UnsafeMutableRawPointer
  /// The canvas over the frame, for the logical screen after `rotation`.
  public let canvas: Canvas

  public init(width: Int, height: Int, rotation: Rotation = .none, fontFamily: String = Painter.defaultFont) {
    self.width = width
    self.height = height
    stride = width * 4
    pixels = UnsafeMutableRawPointer.allocate(byteCount: stride * height, alignment: 16)
    pixels.initializeMemory(as: UInt8.self, repeating: 0, count: stride * height)
    canvas = Canvas(
      pixels: pixels, panelWidth: width, panelHeight: height, stride: stride, rotation: rotation,
      fontFamily: fontFamily)
  }

  deinit { pixels.deallocate() }

  /// The pixel at (x, y) of the panel as (red, green, blue).
  public func pixel(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8) {
    canvas.flush()
    let value = pixels.load(fromByteOffset: y * stride + x * 4, as: UInt32.self)
    return (UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff))
  }

  /// Writes the frame as a binary PPM (P6), the format qemu's screendump answers in.
  public func writePPM(to path: String) throws(ScreenError) {
    var data = Array("P6\n\(width) \(height)\n255\n".utf8)
    data.reserveCapacity(data.count + width * height * 3)
    for y in 0..<height {
      for x in 0..<width {
        let p = pixel(x: x, y: y)
        data += [p.red, p.green, p.blue]
      }
    }
    guard let file = fopen(path, "wb") else { throw .png(path: path, reason: "cannot open for writing") }
    defer { fclose(file) }
    guard fwrite(data, 1, data.count, file) == data.count else {
      throw .png(path: path, reason: "short write")
    }
  }

  /// The raw pixels, for comparing frames.
  public var bytes: [UInt8] {
    canvas.flush()
    return Array(UnsafeRawBufferPointer(start: pixels, count: stride * height))
  }
}

extension Painter {
  /// The CJK font installed from Debian's fonts-wqy-zenhei.
  public static let defaultFont = "WenQuanYi Zen Hei"
}
