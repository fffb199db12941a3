import RatingFlow
import RatingModel

/// Where everything goes on a logical screen of a given size, and what a touch point hits.
public struct ScreenLayout: Sendable {
  public let width: Double
  public let height: Double

  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  /// Portrait screens stack the five buttons; landscape ones put them in a row.
  public var isPortrait: Bool { height > width }

  /// Whether the top-right corner holds the rate-later QR code (title and subtitle make room).
  public var reservesRateLater = false
  /// The rate-later QR code's corner, beside the title and subtitle.
  public var rateLaterCorner: Rect {
    let side = height * 0.22
    return Rect(x: width - margin - side, y: margin, width: side, height: side)
  }
  private var reserved: Double { reservesRateLater ? rateLaterCorner.width + margin / 2 : 0 }

  var margin: Double { min(width, height) * 0.04 }
  public var title: Rect {
    Rect(x: margin, y: margin, width: width - 2 * margin - reserved, height: height * 0.14)
  }
  public var subtitle: Rect {
    Rect(x: margin, y: title.y + title.height, width: width - 2 * margin - reserved, height: height * 0.08)
  }
  var body: Rect {
    let top = subtitle.y + subtitle.height + margin / 2
    return Rect(x: margin, y: top, width: width - 2 * margin, height: height - top - margin)
  }

  /// The five level buttons, best first.
  public var levelButtons: [(SatisfactionLevel, Rect)] {
    let levels = SatisfactionLevel.displayOrder
    let gap = margin / 2
    return levels.enumerated().map { index, level in
      if isPortrait {
        let h = (body.height - gap * 4) / 5
        return (level, Rect(x: body.x, y: body.y + Double(index) * (h + gap), width: body.width, height: h))
      }
      let w = (body.width - gap * 4) / 5
      return (level, Rect(x: body.x + Double(index) * (w + gap), y: body.y, width: w, height: body.height))
    }
  }

  /// The reasons checklist items (two columns in landscape) and the submit and skip buttons.
  ///
  /// The screen has no subtitle, so the items take its band too: the national labels run to 17
  /// characters, and on 800×480 every pixel of height lets them wrap onto two larger lines.
  public func reasonButtons(count: Int) -> (items: [Rect], submit: Rect, skip: Rect) {
    let gap = margin / 2
    let top = title.y + title.height + gap
    let body = Rect(
      x: self.body.x, y: top, width: self.body.width, height: self.body.y + self.body.height - top)
    let footerHeight = self.body.height * 0.2
    let columns = isPortrait ? 1 : 2
    let rows = max(1, (count + columns - 1) / columns)
    let area = Rect(x: body.x, y: body.y, width: body.width, height: body.height - footerHeight - gap)
    let w = (area.width - gap * Double(columns - 1)) / Double(columns)
    let h = (area.height - gap * Double(rows - 1)) / Double(rows)
    let items = (0..<count).map { index in
      Rect(
        x: area.x + Double(index % columns) * (w + gap), y: area.y + Double(index / columns) * (h + gap),
        width: w,
        height: h)
    }
    let footerY = body.y + body.height - footerHeight
    let half = (body.width - gap) / 2
    return (
      items, Rect(x: body.x + half + gap, y: footerY, width: half, height: footerHeight),
      Rect(x: body.x, y: footerY, width: half, height: footerHeight)
    )
  }

  /// What a touch at (`x`, `y`) in logical pixels hits on `content`.
  public func target(atX x: Double, y: Double, on content: ScreenContent) -> TapTarget? {
    switch content {
    case .prompt:
      return levelButtons.first { $0.1.contains(x: x, y: y) }.map { .level($0.0) }
    case .reasons(let items, _):
      let buttons = reasonButtons(count: items.count)
      if buttons.submit.contains(x: x, y: y) { return .submitReasons }
      if buttons.skip.contains(x: x, y: y) { return .skipReasons }
      return zip(items, buttons.items).first { $0.1.contains(x: x, y: y) }.map { .reason($0.0.code) }
    case .idle, .thanks, .expired, .expiredRateLater, .outOfService, .deviceIdentity, .selfTest, .touchTarget,
      .touchGrid:
      return nil
    }
  }
}
