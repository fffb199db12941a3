import RatingModel

/// The idle screen's clerk card with a photo, and the closed window.
extension Painter {
  /// The card: the photo (3:4, scaled to cover and cropped) beside the name and 工号 in landscape,
  /// above them in portrait; or 暂停服务 when nobody is on duty.
  func paintClerkCard(_ card: IdleCard, _ canvas: Canvas, _ layout: ScreenLayout) {
    let box =
      layout.isPortrait
      ? Rect(
        x: layout.width * 0.08, y: layout.height * 0.3, width: layout.width * 0.84,
        height: layout.height * 0.48)
      : Rect(
        x: layout.width * 0.2, y: layout.height * 0.35, width: layout.width * 0.6, height: layout.height * 0.4
      )
    canvas.fill(box, Self.white, radius: min(box.width, box.height) * 0.08)
    if card.closed {
      canvas.text(
        Texts.windowClosed.text(in: language), in: box.inset(box.height * 0.1), size: box.height * 0.3,
        colour: Self.colour(of: .veryDissatisfied), bold: true)
      return
    }
    let places = Self.clerkPlaces(in: box, portrait: layout.isPortrait)
    if let photo = card.photo {
      canvas.photo(photo, cover: places.photo, radius: places.photo.width * 0.06)
    }
    canvas.text(card.clerkName, in: places.name, size: places.name.height * 0.8, colour: Self.ink, bold: true)
    canvas.text(
      "\(Texts.staffNumber.text(in: language)) \(card.staffNumber)", in: places.staffNumber,
      size: places.staffNumber.height * 0.7, colour: Self.muted)
  }

  /// Where the photo, the name and the 工号 go on a card `box`.
  static func clerkPlaces(in box: Rect, portrait: Bool) -> (photo: Rect, name: Rect, staffNumber: Rect) {
    if portrait {
      let margin = box.width * 0.05
      let photoHeight = box.height * 0.6
      let photo = Rect(
        x: box.midX - photoHeight * 0.375, y: box.y + margin, width: photoHeight * 0.75, height: photoHeight)
      let nameTop = photo.y + photo.height + margin * 0.5
      let name = Rect(x: box.x, y: nameTop, width: box.width, height: box.height * 0.18).inset(margin * 0.4)
      let staffTop = nameTop + box.height * 0.18
      let staff = Rect(x: box.x, y: staffTop, width: box.width, height: box.y + box.height - staffTop)
        .inset(margin * 0.4)
      return (photo, name, staff)
    }
    let margin = box.height * 0.08
    let photo = Rect(
      x: box.x + margin, y: box.y + margin, width: (box.height - 2 * margin) * 0.75,
      height: box.height - 2 * margin)
    let textX = photo.x + photo.width + margin
    let textWidth = box.x + box.width - margin - textX
    let name = Rect(x: textX, y: box.y + margin, width: textWidth, height: box.height * 0.5 - margin)
    let staff = Rect(x: textX, y: box.y + box.height * 0.55, width: textWidth, height: box.height * 0.3)
    return (photo, name, staff)
  }
}
