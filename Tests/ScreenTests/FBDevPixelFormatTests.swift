import CDRM
import Testing

@testable import Screen

/// The frame buffer's pixel formats: a frame drawn as XRGB8888 lands in each as the kernel lays
/// it out (VESA's 32 bpp XRGB8888, 24 bpp RGB888 and 16 bpp RGB565), row by row at its line length.
@Suite struct FBDevPixelFormatTests {
  // Pure red, green, blue and a grey, one row.
  let frame: [UInt32] = [0x00ff_0000, 0x0000_ff00, 0x0000_00ff, 0x0080_8080]

  func layout(bpp: UInt32, red: (UInt32, UInt32), green: (UInt32, UInt32), blue: (UInt32, UInt32)) -> cfb_info
  {
    var info = cfb_info()
    info.width = 4
    info.height = 2
    info.bits_per_pixel = bpp
    info.line_length = 4 * bpp / 8 + 3  // padding after each row, as some drivers have
    (info.red_offset, info.red_length) = red
    (info.green_offset, info.green_length) = green
    (info.blue_offset, info.blue_length) = blue
    return info
  }

  func copied(_ info: cfb_info) -> [UInt8] {
    let rows = frame + frame
    var out = [UInt8](repeating: 0xee, count: Int(info.line_length) * 2)
    rows.withUnsafeBytes { source in
      out.withUnsafeMutableBytes {
        FBDevScanout.copy(source.baseAddress!, pitch: 16, into: $0.baseAddress!, layout: info)
      }
    }
    return out
  }

  @Test func xrgb8888IsCopiedAsItIs() {
    let out = copied(layout(bpp: 32, red: (16, 8), green: (8, 8), blue: (0, 8)))
    #expect(Array(out[0..<16]) == [0, 0, 0xff, 0, 0, 0xff, 0, 0, 0xff, 0, 0, 0, 0x80, 0x80, 0x80, 0])
    #expect(Array(out[16..<19]) == [0xee, 0xee, 0xee], "the padding after a row is left alone")
    #expect(Array(out[19..<35]) == Array(out[0..<16]))
  }

  @Test func rgb888TakesThreeBytesAPixel() {
    let out = copied(layout(bpp: 24, red: (16, 8), green: (8, 8), blue: (0, 8)))
    #expect(Array(out[0..<12]) == [0, 0, 0xff, 0, 0xff, 0, 0xff, 0, 0, 0x80, 0x80, 0x80])
    #expect(Array(out[15..<27]) == Array(out[0..<12]))
  }

  @Test func rgb565KeepsTheTopBitsOfEachChannel() {
    let out = copied(layout(bpp: 16, red: (11, 5), green: (5, 6), blue: (0, 5)))
    let pixels = (0..<4).map { UInt16(out[2 * $0]) | UInt16(out[2 * $0 + 1]) << 8 }
    #expect(pixels == [0xf800, 0x07e0, 0x001f, 0x8410])
  }

  @Test func bgrOrderFollowsTheOffsets() {
    let out = copied(layout(bpp: 32, red: (0, 8), green: (8, 8), blue: (16, 8)))
    #expect(Array(out[0..<4]) == [0xff, 0, 0, 0])
  }
}
