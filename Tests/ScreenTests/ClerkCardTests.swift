import PhotoDecoding
import RatingModel
import Testing

@testable import Screen

/// The clerk's photo covers its place on the card at every supported size and turned, whatever
/// the photo's shape; rate later adds a QR code without moving a button.
@Suite struct ClerkCardTests {
  static let sizes: [(Int, Int, Rotation)] = [
    (800, 480, .none), (1024, 600, .none), (1280, 800, .none), (1920, 1080, .none), (800, 480, .quarter),
    (1920, 1080, .quarter), (1280, 800, .threeQuarters),
  ]

  /// A solid photo: every pixel of its place on the card must be this colour.
  static func solid(_ width: Int, _ height: Int) -> Photo {
    Photo(
      width: width, height: height, pixels: Array(repeating: 0xC0_10_80, count: width * height),
      identity: "\(width)x\(height)")
  }

  @Test(arguments: sizes)
  func thePhotoCoversItsPlaceCroppedNotStretched(width: Int, height: Int, rotation: Rotation) throws {
    for photo in [Self.solid(400, 100), Self.solid(100, 400), Self.solid(3, 4)] {
      let frame = MemoryFrame(width: width, height: height, rotation: rotation)
      let card = IdleCard(
        hall: "H", window: "7", clerkName: "王芳", staffNumber: "A1024", clock: "", photo: photo)
      Painter().paint(.idle(card), on: frame.canvas)
      let layout = ScreenLayout(width: frame.canvas.width, height: frame.canvas.height)
      let box =
        layout.isPortrait
        ? Rect(
          x: layout.width * 0.08, y: layout.height * 0.3, width: layout.width * 0.84,
          height: layout.height * 0.48)
        : Rect(
          x: layout.width * 0.2, y: layout.height * 0.35, width: layout.width * 0.6,
          height: layout.height * 0.4)
      let place = Painter.clerkPlaces(in: box, portrait: layout.isPortrait).photo
      // Inside (clear of the rounded corners): the photo's colour everywhere.
      for fx in stride(from: 0.1, through: 0.9, by: 0.2) {
        for fy in stride(from: 0.1, through: 0.9, by: 0.2) {
          let pixel = logicalPixel(frame, rotation, place.x + place.width * fx, place.y + place.height * fy)
          #expect(
            pixel == (0xC0, 0x10, 0x80),
            "\(width)x\(height) r\(rotation.rawValue) photo \(photo.identity) at \(fx),\(fy)")
        }
      }
      // Just outside its place: the white card, so the photo spilled nowhere.
      for (x, y) in [
        (place.x - 3, place.midY), (place.x + place.width + 3, place.midY),
        (place.midX, place.y + place.height + 3),
      ] {
        #expect(
          logicalPixel(frame, rotation, x, y) == (0xFF, 0xFF, 0xFF), "\(width)x\(height) outside at \(x),\(y)"
        )
      }
    }
  }

  @Test func aClosedWindowShowsNoClerk() throws {
    let frame = MemoryFrame(width: 1280, height: 800)
    Painter().paint(try ScreenContent.sample(named: "idle-closed"), on: frame.canvas)
    // The card is red text (暂停服务) rather than the clerk's dark name.
    var red = 0
    for y in stride(from: 280, to: 600, by: 2) {
      for x in stride(from: 256, to: 1024, by: 2) {
        let p = frame.pixel(x: x, y: y)
        if p.red > 150 && p.green < 80 && p.blue < 80 { red += 1 }
      }
    }
    #expect(red > 500, "\(red) red pixels on the closed card")
  }

  @Test(arguments: [(1280, 800, Rotation.none), (800, 480, .none), (800, 480, .quarter)])
  func rateLaterAddsACodeAndMovesNoButton(width: Int, height: Int, rotation: Rotation) throws {
    let plain = MemoryFrame(width: width, height: height, rotation: rotation)
    Painter().paint(.prompt(serviceItem: "户口迁移", secondsLeft: 8, pressed: nil), on: plain.canvas)
    let later = MemoryFrame(width: width, height: height, rotation: rotation)
    Painter().paint(try ScreenContent.sample(named: "prompt-rate-later"), on: later.canvas)
    let layout = ScreenLayout(width: plain.canvas.width, height: plain.canvas.height)
    for (level, rect) in layout.levelButtons {
      for (fx, fy) in [(0.1, 0.1), (0.5, 0.3), (0.9, 0.9), (0.3, 0.8)] {
        let x = rect.x + rect.width * fx
        let y = rect.y + rect.height * fy
        #expect(logicalPixel(plain, rotation, x, y) == logicalPixel(later, rotation, x, y), "\(level) moved")
      }
    }
    // The corner holds a code: both dark and white modules.
    var corner = layout
    corner.reservesRateLater = true
    let code = corner.rateLaterCorner
    var dark = 0
    var light = 0
    for y in stride(from: code.y, to: code.y + code.height * 0.8, by: 2) {
      for x in stride(from: code.x, to: code.x + code.width, by: 2) {
        let p = logicalPixel(later, rotation, x, y)
        if p == (0x1A, 0x1A, 0x1A) { dark += 1 } else if p == (0xFF, 0xFF, 0xFF) { light += 1 }
      }
    }
    #expect(dark > 100 && light > 100, "dark \(dark), light \(light)")
  }

  /// The panel pixel under logical point (x, y).
  func logicalPixel(_ frame: MemoryFrame, _ rotation: Rotation, _ x: Double, _ y: Double) -> (
    UInt8, UInt8, UInt8
  ) {
    let (lx, ly) = (Int(x), Int(y))
    let (px, py): (Int, Int) =
      switch rotation {
      case .none: (lx, ly)
      case .quarter: (frame.width - 1 - ly, lx)
      case .half: (frame.width - 1 - lx, frame.height - 1 - ly)
      case .threeQuarters: (ly, frame.height - 1 - lx)
      }
    let p = frame.pixel(x: px, y: py)
    return (p.red, p.green, p.blue)
  }
}
