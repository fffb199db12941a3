import RatingModel

/// The reasons checklist after a bad rating.
extension Painter {
  func paintReasons(_ items: [ReasonItem], _ selected: [String], _ canvas: Canvas, _ layout: ScreenLayout) {
    canvas.text(
      Texts.reasonsTitle.text(in: language), in: layout.title, size: layout.title.height * 0.55,
      colour: Self.ink, bold: true)
    let buttons = layout.reasonButtons(count: items.count)
    let size = labelSize(items, buttons.items, canvas)
    for (item, rect) in zip(items, buttons.items) {
      let isSelected = selected.contains(item.code)
      canvas.fill(rect, isSelected ? Self.accent : Self.white, radius: rect.height * 0.2)
      canvas.stroke(rect, Self.accent, width: 3, radius: rect.height * 0.2)
      canvas.text(
        (isSelected ? "✓ " : "") + item.label.text(in: language), in: Self.labelBox(of: rect), size: size,
        colour: isSelected ? Self.white : Self.ink, lines: 2)
    }
    canvas.fill(buttons.submit, Self.accent, radius: buttons.submit.height * 0.2)
    canvas.text(
      Texts.submitReasons.text(in: language), in: buttons.submit.inset(buttons.submit.height * 0.15),
      size: buttons.submit.height * 0.5, colour: Self.white, bold: true)
    canvas.fill(buttons.skip, Self.white, radius: buttons.skip.height * 0.2)
    canvas.stroke(buttons.skip, Self.muted, width: 3, radius: buttons.skip.height * 0.2)
    canvas.text(
      Texts.skipReasons.text(in: language), in: buttons.skip.inset(buttons.skip.height * 0.15),
      size: buttons.skip.height * 0.5, colour: Self.muted)
  }

  /// One size for every label: the largest at which each fits, ticked, on at most two lines. No
  /// reason looks weightier than another (the screen must not steer the choice), and a label keeps
  /// its size when ticked.
  func labelSize(_ items: [ReasonItem], _ rects: [Rect], _ canvas: Canvas) -> Double {
    zip(items, rects).map { item, rect in
      canvas.fit(
        "✓ " + item.label.text(in: language), in: Self.labelBox(of: rect), size: rect.height * 0.5, lines: 2
      ).size
    }.min() ?? 0
  }

  /// Where a reasons item's label goes inside its button: clear of the rounded corners and border.
  static func labelBox(of item: Rect) -> Rect {
    Rect(
      x: item.x + item.height * 0.2, y: item.y + item.height * 0.06, width: item.width - item.height * 0.4,
      height: item.height * 0.88)
  }
}
