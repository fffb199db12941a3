import Foundation
import PhotoDecoding
import Testing

/// The size a photo declares, read from its header before gdk-pixbuf sees it (PhotoDecoder).
@Suite struct PhotoHeaderTests {
  let decoder = PhotoDecoder()

  static func jpeg(width: Int = 60, height: Int = 80) -> [UInt8] {
    PhotoDecoder.encode(
      Photo(
        width: width, height: height, pixels: .init(repeating: 0x336699, count: width * height), identity: "t"
      ),
      as: "jpeg")!
  }

  /// `bytes` with its JPEG frame header (SOF0) declaring `width`×`height`.
  static func declaring(_ bytes: [UInt8], width: Int, height: Int) -> [UInt8] {
    var bytes = bytes
    let sof = (2..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 }!
    bytes[sof + 5] = UInt8(height >> 8)
    bytes[sof + 6] = UInt8(height & 0xff)
    bytes[sof + 7] = UInt8(width >> 8)
    bytes[sof + 8] = UInt8(width & 0xff)
    return bytes
  }

  @Test func aPNGAtTheLimitDecodesAndOneBeyondIsRefusedNamingItsSize() throws {
    let photo = try decoder.decode(ZeroPNG.make(width: 2048, height: 2048), identity: "z")
    #expect(photo.width == 800 && photo.height == 800)
    #expect(photo.pixels[0] == 0)
    #expect(
      throws: PhotoError.tooManyPixels(width: 2049, height: 2048, sideLimit: 6000, pixelLimit: 2048 * 2048)
    ) {
      try decoder.decode(ZeroPNG.make(width: 2049, height: 2048), identity: "z")
    }
    #expect(
      throws: PhotoError.tooManyPixels(width: 6001, height: 10, sideLimit: 6000, pixelLimit: 2048 * 2048)
    ) {
      try decoder.decode(ZeroPNG.make(width: 6001, height: 10), identity: "z")
    }
    let error = PhotoError.tooManyPixels(width: 6000, height: 6000, sideLimit: 6000, pixelLimit: 2048 * 2048)
    #expect(
      error.description
        == "the photo is 6000×6000 pixels; at most 4194304 pixels in all and 6000 a side are accepted")
  }

  @Test func aJPEGsFrameHeaderIsRead() throws {
    let bytes = Self.jpeg()
    #expect(try decoder.decode(bytes, identity: "j").width == 60)
    #expect(
      throws: PhotoError.tooManyPixels(width: 6000, height: 6000, sideLimit: 6000, pixelLimit: 2048 * 2048)
    ) {
      try decoder.decode(Self.declaring(bytes, width: 6000, height: 6000), identity: "j")
    }
    // Height 0 (to come in a DNL marker) is refused, not guessed at.
    #expect(throws: PhotoError.self) {
      try decoder.decode(Self.declaring(bytes, width: 60, height: 0), identity: "j")
    }
  }

  @Test func headersThatAreNotWhereTheFormatPutsThemAreRefused() {
    let png = ZeroPNG.make(width: 10, height: 10)
    // Cut inside IHDR; IHDR renamed; a JPEG cut before its frame header; junk between markers.
    for (bytes, reason) in [
      (Array(png.prefix(20)), "no IHDR header"),
      (Array(png.prefix(12)) + Array("IHDX".utf8) + Array(png.dropFirst(16)), "no IHDR header"),
      (
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + [UInt8](repeating: 0, count: 14),
        "ends before its frame header"
      ),
      ([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0x00], "no marker at byte 8"),
      ([0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02], "no frame header (SOF) before its scan"),
    ] as [([UInt8], String)] {
      do {
        _ = try decoder.decode(bytes, identity: "x")
        Issue.record("decoded: \(reason)")
      } catch {
        #expect("\(error)".contains(reason), "\(error)")
      }
    }
  }

  @Test func concurrentDecodesAllSucceed() async throws {
    let bytes = ZeroPNG.make(width: 1500, height: 1500)
    let widths = await withTaskGroup(of: Int.self) { group in
      for _ in 0..<4 { group.addTask { (try? PhotoDecoder().decode(bytes, identity: "c").width) ?? 0 } }
      return await group.reduce(into: []) { $0.append($1) }
    }
    #expect(widths == [800, 800, 800, 800])
  }
}
