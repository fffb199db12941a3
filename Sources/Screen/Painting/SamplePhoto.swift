import PhotoDecoding

/// A drawn stand-in for a clerk's photo (a head and shoulders on a blue backdrop, 3:4), for the
/// sample screens and golden images: no real person's picture in the repository.
enum SamplePhoto {
  static let portrait: Photo = {
    let (width, height) = (300, 400)
    var pixels = [UInt32](repeating: 0, count: width * height)
    for y in 0..<height {
      for x in 0..<width {
        let dx = Double(x - 150)
        var colour: UInt32 = 0x3A6EA5 + UInt32(y / 40) * 0x010101  // the backdrop, lighter downwards
        let head = (dx * dx) / (70 * 70) + Double((y - 150) * (y - 150)) / (88 * 88)
        let hair = (dx * dx) / (76 * 76) + Double((y - 128) * (y - 128)) / (82 * 82)
        if y > 290 && abs(dx) < Double(y - 290) * 1.2 + 60 { colour = 0x1F2A44 }  // jacket
        if y > 280 && y < 340 && abs(dx) < 28 - Double(y - 280) * 0.4 { colour = 0xFFFFFF }  // collar
        if hair <= 1 && y < 150 { colour = 0x2B1D14 }
        if head <= 1 && !(hair <= 1 && y < 110) { colour = 0xE8C4A0 }
        if y > 228 && y < 292 && abs(dx) < 30 && head > 1 { colour = 0xE0B894 }  // neck
        pixels[y * width + x] = colour
      }
    }
    return Photo(width: width, height: height, pixels: pixels, identity: "sample-portrait")
  }()

  /// The address the rate-later samples encode.
  static let rateLaterURL = "https://hub.example/rate?t=BJ-2026-0001&s=finished"
}
