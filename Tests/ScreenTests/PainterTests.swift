import RatingModel
import Testing

@testable import Screen

let sizes = [
  (800, 480), (1024, 600), (1280, 800), (1920, 1080), (480, 800), (600, 1024), (800, 1280), (1080, 1920),
]

@Suite struct Painting {
  @Test(arguments: [(1280, 800), (480, 800)])
  func buttonsAreGreenToRedWhereTheLayoutPutsThem(width: Int, height: Int) {
    let frame = MemoryFrame(width: width, height: height)
    Painter().paint(.prompt(serviceItem: "户口迁移", secondsLeft: 8, pressed: nil), on: frame.canvas)
    let layout = ScreenLayout(width: Double(width), height: Double(height))
    for (level, rect) in layout.levelButtons {
      // Just inside the button's corner-rounded edge: the button's own colour.
      let pixel = frame.pixel(x: Int(rect.x + rect.width * 0.5), y: Int(rect.y + 4))
      let expected = Painter.colour(of: level)
      #expect(abs(Double(pixel.red) - expected.red * 255) < 2, "\(level) at \(rect)")
      #expect(abs(Double(pixel.green) - expected.green * 255) < 2, "\(level)")
    }
    let green = frame.pixel(x: Int(layout.levelButtons[0].1.midX), y: Int(layout.levelButtons[0].1.y + 4))
    let red = frame.pixel(x: Int(layout.levelButtons[4].1.midX), y: Int(layout.levelButtons[4].1.y + 4))
    #expect(green.green > green.red && red.red > red.green)
  }

  @Test func theCountdownChangesThePicture() {
    let eight = MemoryFrame(width: 800, height: 480)
    let seven = MemoryFrame(width: 800, height: 480)
    Painter().paint(.prompt(serviceItem: "户口迁移", secondsLeft: 8, pressed: nil), on: eight.canvas)
    Painter().paint(.prompt(serviceItem: "户口迁移", secondsLeft: 7, pressed: nil), on: seven.canvas)
    #expect(eight.bytes != seven.bytes)
  }

  @Test func aRotatedPanelShowsTheLogicalScreenTurned() {
    let upright = MemoryFrame(width: 480, height: 800)
    let turned = MemoryFrame(width: 800, height: 480, rotation: .quarter)
    let content = ScreenContent.prompt(serviceItem: "", secondsLeft: 5, pressed: nil)
    Painter().paint(content, on: upright.canvas)
    Painter().paint(content, on: turned.canvas)
    // Turned 90° clockwise: logical (x, y) lands on panel (799 - y, x).
    let layout = ScreenLayout(width: 480, height: 800)
    let flatPoints = [(5, 5)] + layout.levelButtons.map { (Int($0.1.x + $0.1.width * 0.9), Int($0.1.y + 6)) }
    for (x, y) in flatPoints {
      let a = upright.pixel(x: x, y: y)
      let b = turned.pixel(x: 799 - y, y: x)
      #expect(a == b, "logical \(x),\(y)")
    }
  }
}

@Suite struct Layouts {
  @Test(arguments: sizes)
  func tappingTheCentreOfEachButtonHitsItsLevel(width: Int, height: Int) {
    let layout = ScreenLayout(width: Double(width), height: Double(height))
    let prompt = ScreenContent.prompt(serviceItem: "", secondsLeft: 1, pressed: nil)
    for (level, rect) in layout.levelButtons {
      #expect(layout.target(atX: rect.midX, y: rect.midY, on: prompt) == .level(level))
    }
    #expect(layout.target(atX: 1, y: 1, on: prompt) == nil)
    let items = ReasonChecklist.standard.items(for: .dissatisfied)
    let reasons = ScreenContent.reasons(items: items, selected: [])
    let buttons = layout.reasonButtons(count: items.count)
    #expect(layout.target(atX: buttons.submit.midX, y: buttons.submit.midY, on: reasons) == .submitReasons)
    #expect(layout.target(atX: buttons.skip.midX, y: buttons.skip.midY, on: reasons) == .skipReasons)
    for (item, rect) in zip(items, buttons.items) {
      #expect(layout.target(atX: rect.midX, y: rect.midY, on: reasons) == .reason(item.code))
    }
  }

  @Test(arguments: sizes)
  func everyLabelFitsItsBoxInBothLanguages(width: Int, height: Int) {
    let frame = MemoryFrame(width: width, height: height)
    let layout = ScreenLayout(width: Double(width), height: Double(height))
    for language in Language.allCases {
      for (level, rect) in layout.levelButtons {
        let box = rect.inset(rect.width * 0.05)
        let fit = frame.canvas.fit(level.label.text(in: language), in: box, size: box.height, bold: true)
        #expect(
          fit.width <= box.width && fit.height <= box.height, "\(level) \(language) at \(width)x\(height)")
      }
      let fit = frame.canvas.fit(
        Texts.pleaseRate.text(in: language), in: layout.title, size: layout.title.height)
      #expect(fit.width <= layout.title.width)
    }
  }

  /// The national labels run to 17 characters (212 在线预约办理后到实体大厅重复取号排队): all of a
  /// checklist share one size, at which every one, ticked or not, fits its item on at most two
  /// lines; in Chinese that size is at least 20 px and 4.2% of the short side (21 px, about 4 mm,
  /// on a 7-inch 800×480 panel), in English 18 px and 3.6%, at every supported size.
  @Test(arguments: sizes)
  func everyNationalReasonFitsItsItemLegibly(width: Int, height: Int) {
    let frame = MemoryFrame(width: width, height: height)
    let layout = ScreenLayout(width: Double(width), height: Double(height))
    let short = Double(min(width, height))
    for level in [SatisfactionLevel.dissatisfied, .veryDissatisfied] {
      let items = ReasonChecklist.standard.items(for: level)
      let buttons = layout.reasonButtons(count: items.count)
      #expect(buttons.items.allSatisfy { $0.y >= layout.title.y + layout.title.height })
      #expect(buttons.items.allSatisfy { $0.y + $0.height < buttons.skip.y })
      for language in Language.allCases {
        let size = Painter(language: language).labelSize(items, buttons.items, frame.canvas)
        let least = language == .chinese ? max(20, short * 0.042) : max(18, short * 0.036)
        #expect(size >= least, "\(level) \(language) at \(width)x\(height): \(size) px")
        for (item, rect) in zip(items, buttons.items) {
          let box = Painter.labelBox(of: rect)
          for mark in ["", "✓ "] {
            let fit = frame.canvas.fit(mark + item.label.text(in: language), in: box, size: size, lines: 2)
            #expect(
              fit.size == size && fit.width <= box.width && fit.height <= box.height && fit.lines <= 2,
              "\(item.code) \(language) at \(width)x\(height): \(fit)")
          }
        }
      }
    }
  }

  @Test func unknownScreensAreNamed() {
    #expect(throws: ScreenError.self) { try ScreenContent.sample(named: "splash") }
  }
}

@Suite struct QRCodes {
  @Test func theCodeHasItsFinderPatternsAndTheScreenShowsIt() throws {
    let code = try QRCode("ratingpad:640181-7-pad:3f9a1c0e5b7d2a4486c1e0f3a9b8d7c6")
    #expect(code.size >= 21 && code.size % 4 == 1)
    for (cx, cy) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
      #expect(
        code.isDark(x: cx, y: cy) && code.isDark(x: cx + 6, y: cy + 6) && code.isDark(x: cx + 3, y: cy + 3))
      #expect(!code.isDark(x: cx + 1, y: cy + 1))
    }
    let frame = MemoryFrame(width: 1280, height: 800)
    Painter().paint(try ScreenContent.sample(named: "device-identity"), on: frame.canvas)
    let dark = (0..<800).filter { frame.pixel(x: 640, y: $0).red < 40 }.count
    #expect(dark > 100)
  }
}
