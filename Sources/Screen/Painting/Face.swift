import RatingModel

/// A face drawn as vector shapes; the mouth (and brows) differ per level, not only the colour.
struct Face {
  let level: SatisfactionLevel

  func draw(on canvas: Canvas, in area: Rect) {
    let radius = min(area.width, area.height) / 2
    let cx = area.midX
    let cy = area.midY
    let ink = Colour(hex: 0x1A1A1A)
    canvas.circle(centreX: cx, centreY: cy, radius: radius, fill: Colour(hex: 0xFFFFFF))
    let eyeY = cy - radius * 0.25
    canvas.circle(centreX: cx - radius * 0.35, centreY: eyeY, radius: radius * 0.1, fill: ink)
    canvas.circle(centreX: cx + radius * 0.35, centreY: eyeY, radius: radius * 0.1, fill: ink)
    // Mouth: from a wide grin to a deep frown; the extremes also get brows.
    let bend: Double
    switch level {
    case .verySatisfied: bend = 0.55
    case .satisfied: bend = 0.3
    case .basicallySatisfied: bend = 0
    case .dissatisfied: bend = -0.3
    case .veryDissatisfied: bend = -0.55
    }
    let mouthY = cy + radius * (bend >= 0 ? 0.25 : 0.45)
    canvas.curve(
      fromX: cx - radius * 0.45, toX: cx + radius * 0.45, y: mouthY, bend: bend * radius, colour: ink,
      width: radius * 0.1)
    if level == .veryDissatisfied {
      canvas.curve(
        fromX: cx - radius * 0.55, toX: cx - radius * 0.15, y: eyeY - radius * 0.28, bend: radius * 0.12,
        colour: ink, width: radius * 0.07)
      canvas.curve(
        fromX: cx + radius * 0.15, toX: cx + radius * 0.55, y: eyeY - radius * 0.28, bend: radius * 0.12,
        colour: ink, width: radius * 0.07)
    }
  }
}
