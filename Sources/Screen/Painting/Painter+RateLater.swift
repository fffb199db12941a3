import RatingModel

/// The rate-later QR code: in the prompt's top-right corner, and under the expired message.
extension Painter {
  func paintRateLaterCorner(_ url: String, _ canvas: Canvas, _ layout: ScreenLayout) {
    let corner = layout.rateLaterCorner
    let caption = Rect(
      x: corner.x - corner.width * 0.2, y: corner.y + corner.height * 0.82, width: corner.width * 1.4,
      height: corner.height * 0.18)
    paintQR(
      url, in: Rect(x: corner.x, y: corner.y, width: corner.width, height: corner.height * 0.82), canvas)
    canvas.text(
      Texts.scanToRateLater.text(in: language), in: caption, size: caption.height * 0.8, colour: Self.muted)
  }

  func paintExpiredRateLater(_ url: String, _ canvas: Canvas, _ layout: ScreenLayout) {
    let message = Rect(
      x: layout.width * 0.05, y: layout.height * 0.12, width: layout.width * 0.9, height: layout.height * 0.22
    )
    canvas.text(
      Texts.promptExpired.text(in: language), in: message, size: message.height * 0.5, colour: Self.muted,
      bold: true)
    let side = min(layout.width, layout.height) * 0.42
    let box = Rect(x: (layout.width - side) / 2, y: message.y + message.height, width: side, height: side)
    paintQR(url, in: box, canvas)
    let caption = Rect(
      x: 0, y: box.y + box.height + layout.height * 0.02, width: layout.width, height: layout.height * 0.08)
    canvas.text(
      Texts.scanToRateLater.text(in: language), in: caption.inset(4), size: caption.height * 0.6,
      colour: Self.ink,
      bold: true)
  }

  /// The code on white, centred in `box`, with whole-pixel modules (no antialiased seams for a
  /// scanner to trip on) and the quiet zone scanners need.
  func paintQR(_ text: String, in box: Rect, _ canvas: Canvas) {
    guard let code = try? QRCode(text) else { return }
    let module = max(1, (min(box.width, box.height) / Double(code.size + 8)).rounded(.down))
    let side = module * Double(code.size + 8)
    let originX = (box.midX - side / 2).rounded()
    let originY = (box.midY - side / 2).rounded()
    canvas.fill(Rect(x: originX, y: originY, width: side, height: side), Self.white)
    for y in 0..<code.size {
      for x in 0..<code.size where code.isDark(x: x, y: y) {
        canvas.fill(
          Rect(
            x: originX + module * Double(x + 4), y: originY + module * Double(y + 4), width: module,
            height: module),
          Self.ink)
      }
    }
  }
}
