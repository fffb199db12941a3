import Foundation
import RatingModel

/// Draws each screen: large, high-contrast, Chinese first; every label shrinks to fit its box.
public struct Painter: Sendable {
  /// The language of the labels.
  public var language: Language

  public init(language: Language = .chinese) {
    self.language = language
  }

  static let background = Colour(hex: 0xF4F6F8)
  static let ink = Colour(hex: 0x1A1A1A)
  static let muted = Colour(hex: 0x555B61)
  static let white = Colour(hex: 0xFFFFFF)
  static let accent = Colour(hex: 0x0B5CAD)

  /// The button colour of each level, green to red; the face shapes differ too, for colour-blind citizens.
  public static func colour(of level: SatisfactionLevel) -> Colour {
    switch level {
    case .verySatisfied: Colour(hex: 0x1B7F3A)
    case .satisfied: Colour(hex: 0x4E9A2A)
    case .basicallySatisfied: Colour(hex: 0xB07D00)
    case .dissatisfied: Colour(hex: 0xD2601A)
    case .veryDissatisfied: Colour(hex: 0xB71C1C)
    }
  }

  /// Paints `content` over the whole canvas.
  public func paint(_ content: ScreenContent, on canvas: Canvas) {
    var layout = ScreenLayout(width: canvas.width, height: canvas.height)
    if case .prompt(_, _, _, .some) = content { layout.reservesRateLater = true }
    canvas.fill(Rect(x: 0, y: 0, width: canvas.width, height: canvas.height), Self.background)
    switch content {
    case .idle(let card): paintIdle(card, canvas, layout)
    case .prompt(let item, let seconds, let pressed, let rateLater):
      paintPrompt(item, seconds, pressed, canvas, layout)
      if let rateLater { paintRateLaterCorner(rateLater, canvas, layout) }
    case .reasons(let items, let selected): paintReasons(items, selected, canvas, layout)
    case .thanks: paintMessage(Texts.thankYou, Colour(hex: 0x1B7F3A), canvas, layout)
    case .expired: paintMessage(Texts.promptExpired, Self.muted, canvas, layout)
    case .expiredRateLater(let url): paintExpiredRateLater(url, canvas, layout)
    case .deviceIdentity(let deviceID, let fingerprint, let code):
      paintIdentity(deviceID, fingerprint, code, canvas, layout)
    case .selfTest(let checks): paintSelfTest(checks, canvas, layout)
    case .touchTarget(let x, let y, let step, let steps): paintTarget(x, y, step, steps, canvas, layout)
    case .touchGrid(let columns, let rows, let touched): paintGrid(columns, rows, touched, canvas, layout)
    case .outOfService(let fault):
      paintMessage(Texts.outOfService, Colour(hex: 0xB71C1C), canvas, layout)
      canvas.text(
        fault, in: layout.subtitle.offset(y: layout.height * 0.45), size: layout.height * 0.04,
        colour: Self.muted)
    }
    canvas.flush()
  }

  private func text(_ localized: LocalizedText) -> String { localized.text(in: language) }

  private func paintPrompt(
    _ item: String, _ seconds: Int, _ pressed: SatisfactionLevel?, _ canvas: Canvas, _ layout: ScreenLayout
  ) {
    canvas.text(
      text(Texts.pleaseRate), in: layout.title, size: layout.title.height * 0.55, colour: Self.ink, bold: true
    )
    let countdown = text(Texts.secondsLeft).replacingOccurrences(of: "%d", with: String(seconds))
    canvas.text(
      item.isEmpty ? countdown : "\(item)  ·  \(countdown)", in: layout.subtitle,
      size: layout.subtitle.height * 0.6,
      colour: Self.muted)
    // One label size for all five buttons: the largest at which the longest label still fits.
    let labelSize =
      layout.levelButtons.map { level, rect in
        canvas.fit(
          text(level.label), in: labelBox(rect, layout), size: labelBox(rect, layout).height * 0.7, bold: true
        ).size
      }.min() ?? 12
    for (level, rect) in layout.levelButtons {
      let isPressed = level == pressed
      let button = isPressed ? rect.inset(rect.width * 0.03) : rect
      canvas.fill(button, Self.colour(of: level), radius: min(rect.width, rect.height) * 0.08)
      if isPressed {
        canvas.stroke(button, Self.ink, width: max(4, rect.width * 0.02), radius: rect.width * 0.08)
      }
      let faceArea =
        layout.isPortrait
        ? Rect(x: button.x, y: button.y, width: button.height, height: button.height)
        : Rect(x: button.x, y: button.y, width: button.width, height: button.height * 0.72)
      Face(level: level).draw(on: canvas, in: faceArea.inset(min(faceArea.width, faceArea.height) * 0.12))
      canvas.text(
        text(level.label), in: labelBox(button, layout), size: labelSize, colour: Self.white, bold: true)
    }
  }

  /// Where a level button's label goes: beside the face in portrait, below it in landscape.
  private func labelBox(_ button: Rect, _ layout: ScreenLayout) -> Rect {
    layout.isPortrait
      ? Rect(
        x: button.x + button.height, y: button.y, width: button.width - button.height, height: button.height
      )
      .inset(button.height * 0.12)
      : Rect(
        x: button.x, y: button.y + button.height * 0.72, width: button.width, height: button.height * 0.22
      )
      .inset(button.width * 0.05)
  }

  private func paintIdle(_ card: IdleCard, _ canvas: Canvas, _ layout: ScreenLayout) {
    canvas.text(card.hall, in: layout.title, size: layout.title.height * 0.55, colour: Self.ink, bold: true)
    canvas.text(
      "\(text(Texts.window)) \(card.window)", in: layout.subtitle, size: layout.subtitle.height * 0.6,
      colour: Self.accent)
    // The closed window and the card with a photo: Painter+Clerk.swift.
    if card.closed || card.photo != nil {
      paintClerkCard(card, canvas, layout)
      paintClock(card.clock, canvas, layout)
      return
    }
    let box = Rect(
      x: layout.width * 0.2, y: layout.height * 0.35, width: layout.width * 0.6, height: layout.height * 0.4)
    canvas.fill(box, Self.white, radius: box.height * 0.08)
    canvas.text(
      card.clerkName,
      in: Rect(x: box.x, y: box.y, width: box.width, height: box.height * 0.55).inset(box.height * 0.08),
      size: box.height * 0.3, colour: Self.ink, bold: true)
    canvas.text(
      "\(text(Texts.staffNumber)) \(card.staffNumber)",
      in: Rect(x: box.x, y: box.y + box.height * 0.55, width: box.width, height: box.height * 0.4).inset(
        box.height * 0.06),
      size: box.height * 0.18, colour: Self.muted)
    paintClock(card.clock, canvas, layout)
  }

  func paintClock(_ clock: String, _ canvas: Canvas, _ layout: ScreenLayout) {
    canvas.text(
      clock, in: Rect(x: 0, y: layout.height * 0.82, width: layout.width, height: layout.height * 0.1),
      size: layout.height * 0.05, colour: Self.muted)
  }

  private func paintIdentity(
    _ deviceID: String, _ fingerprint: String, _ enrolmentCode: String, _ canvas: Canvas,
    _ layout: ScreenLayout
  ) {
    canvas.text(
      text(Texts.deviceIdentity), in: layout.title, size: layout.title.height * 0.55, colour: Self.ink,
      bold: true)
    let side = min(layout.width, layout.height) * 0.5
    let box = Rect(x: (layout.width - side) / 2, y: layout.subtitle.y, width: side, height: side)
    canvas.fill(box, Self.white)
    // The hub scans the enrolment code (device id, fingerprint and key) to enrol the device.
    if let code = try? QRCode(enrolmentCode) {
      // Whole-pixel modules, so no antialiased seams between them confuse a scanner.
      let module = (side / Double(code.size + 8)).rounded(.down)
      let originX = (box.midX - module * Double(code.size) / 2).rounded()
      let originY = (box.midY - module * Double(code.size) / 2).rounded()
      for y in 0..<code.size {
        for x in 0..<code.size where code.isDark(x: x, y: y) {
          canvas.fill(
            Rect(
              x: originX + Double(x) * module, y: originY + Double(y) * module, width: module, height: module),
            Self.ink)
        }
      }
    }
    let lines = Rect(
      x: 0, y: box.y + side + layout.height * 0.03, width: layout.width, height: layout.height * 0.08)
    canvas.text(deviceID, in: lines.inset(4), size: lines.height * 0.6, colour: Self.ink, bold: true)
    canvas.text(
      fingerprint, in: lines.offset(y: lines.height).inset(4), size: lines.height * 0.5, colour: Self.muted)
  }

  /// Colour bars (white, yellow, cyan, green, magenta, red, blue, black) show dead pixels, a
  /// swapped colour channel or a wrong mode at a glance; the checks are listed below them.
  private func paintSelfTest(_ checks: [CheckLine], _ canvas: Canvas, _ layout: ScreenLayout) {
    canvas.text(
      text(Texts.selfTest), in: layout.title, size: layout.title.height * 0.55, colour: Self.ink, bold: true)
    let bars: [UInt32] = [0xFFFFFF, 0xFFFF00, 0x00FFFF, 0x00FF00, 0xFF00FF, 0xFF0000, 0x0000FF, 0x000000]
    let band = Rect(x: 0, y: layout.subtitle.y, width: layout.width, height: layout.height * 0.18)
    let barWidth = band.width / Double(bars.count)
    for (index, hex) in bars.enumerated() {
      canvas.fill(
        Rect(x: Double(index) * barWidth, y: band.y, width: barWidth, height: band.height), Colour(hex: hex))
    }
    let top = band.y + band.height + layout.height * 0.03
    let rowHeight = min((layout.height - top) / Double(max(checks.count, 1)), layout.height * 0.09)
    for (index, check) in checks.enumerated() {
      let row = Rect(
        x: layout.width * 0.04, y: top + Double(index) * rowHeight, width: layout.width * 0.92,
        height: rowHeight)
      let verdict = text(check.passed ? Texts.checkPassed : Texts.checkFailed)
      let colour = check.passed ? Self.colour(of: .verySatisfied) : Self.colour(of: .veryDissatisfied)
      let head = Rect(x: row.x, y: row.y, width: row.width * 0.3, height: row.height).inset(2)
      canvas.text("\(verdict)  \(check.name)", in: head, size: row.height * 0.5, colour: colour, bold: true)
      let detail = Rect(x: row.x + row.width * 0.3, y: row.y, width: row.width * 0.7, height: row.height)
        .inset(2)
      canvas.text(check.detail, in: detail, size: row.height * 0.42, colour: Self.ink)
    }
  }

  private func paintTarget(
    _ x: Double, _ y: Double, _ step: Int, _ steps: Int, _ canvas: Canvas, _ layout: ScreenLayout
  ) {
    let caption = text(Texts.tapTheCross).replacingOccurrences(of: "%d/%d", with: "\(step)/\(steps)")
      .replacingOccurrences(of: "(%d of %d)", with: "(\(step) of \(steps))")
    canvas.text(
      caption, in: layout.subtitle, size: layout.subtitle.height * 0.6, colour: Self.ink, bold: true)
    // Whole pixels, so the centre a technician aims at is exactly where the touch is expected.
    let centreX = (x * layout.width).rounded()
    let centreY = (y * layout.height).rounded()
    let arm = (min(layout.width, layout.height) * 0.06).rounded()
    canvas.circle(
      centreX: centreX, centreY: centreY, radius: arm * 0.5, fill: Self.colour(of: .veryDissatisfied))
    canvas.fill(Rect(x: centreX - arm, y: centreY - 1, width: arm * 2, height: 3), Self.ink)
    canvas.fill(Rect(x: centreX - 1, y: centreY - arm, width: 3, height: arm * 2), Self.ink)
  }

  private func paintGrid(
    _ columns: Int, _ rows: Int, _ touched: [Bool], _ canvas: Canvas, _ layout: ScreenLayout
  ) {
    let width = layout.width / Double(columns)
    let height = layout.height / Double(rows)
    for row in 0..<rows {
      for column in 0..<columns {
        let cell = Rect(x: Double(column) * width, y: Double(row) * height, width: width, height: height)
        let index = row * columns + column
        if index < touched.count && touched[index] {
          canvas.fill(cell.inset(2), Self.colour(of: .verySatisfied))
        }
        canvas.stroke(cell.inset(2), Self.muted, width: 2)
      }
    }
    canvas.text(
      text(Texts.touchEveryCell), in: layout.subtitle, size: layout.subtitle.height * 0.6, colour: Self.ink,
      bold: true)
  }

  private func paintMessage(
    _ message: LocalizedText, _ colour: Colour, _ canvas: Canvas, _ layout: ScreenLayout
  ) {
    let box = Rect(
      x: layout.width * 0.05, y: layout.height * 0.3, width: layout.width * 0.9, height: layout.height * 0.3)
    canvas.text(text(message), in: box, size: box.height * 0.5, colour: colour, bold: true)
  }
}

extension Rect {
  func offset(y dy: Double) -> Rect { Rect(x: x, y: y + dy, width: width, height: height) }
}
