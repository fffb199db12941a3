import RatingModel

/// The score over time as an inline SVG, drawn on the server: no script, no library, nothing
/// fetched. A point a day over a month, a point a month over anything longer; a day or month
/// without ratings has no point (it would score a made-up 60). Pure: the same points give the
/// same picture.
struct ScoreChart: Sendable, Equatable {
  /// One point: its label on the x axis, its score out of 100 and the ratings behind it.
  struct Point: Sendable, Equatable {
    var label: String
    var score: Double
    var count: Int
  }

  var points: [Point]
  /// The chart's accessible title.
  var title: String

  static let width = 720.0
  static let height = 240.0
  /// Room for the axes' labels.
  static let left = 40.0
  static let bottom = 28.0
  static let top = 12.0
  static let right = 12.0

  /// The points of `counts`: by day when `daily`, else by month, in order.
  init(counts: [DayCount], daily: Bool, title: String) {
    var buckets: [String: [SatisfactionLevel: Int]] = [:]
    for count in counts {
      let key =
        daily
        ? count.day.description
        : "\(count.day.year)-\(count.day.month < 10 ? "0" : "")\(count.day.month)"
      buckets[key, default: [:]][count.level, default: 0] += count.count
    }
    points = buckets.sorted { $0.key < $1.key }.map { key, counts in
      let row = SatisfactionReport.Row(unit: key, counts: counts)
      return Point(label: daily ? String(key.suffix(2)) : key, score: row.score, count: row.total)
    }
    self.title = title
  }

  init(points: [Point], title: String) {
    self.points = points
    self.title = title
  }

  /// The lowest score on the y axis: 0, or the tens below the lowest point (scores sit high, and a
  /// chart from 0 would flatten them).
  var floor: Double {
    guard let lowest = points.map(\.score).min() else { return 0 }
    return max(0, ((lowest - 5) / 10).rounded(.down) * 10)
  }

  /// The SVG element.
  var svg: String {
    let (width, height) = (Self.width, Self.height)
    let plotWidth = width - Self.left - Self.right
    let plotHeight = height - Self.top - Self.bottom
    let floor = self.floor
    func y(_ score: Double) -> Double { Self.top + plotHeight * (1 - (score - floor) / (100 - floor)) }
    func x(_ index: Int) -> Double {
      points.count < 2
        ? Self.left + plotWidth / 2 : Self.left + plotWidth * Double(index) / Double(points.count - 1)
    }
    var parts = [
      #"<svg id="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \#(width.svg) \#(height.svg)" width="100%" role="img" aria-label="\#(Self.escape(title))">"#,
      "<title>\(Self.escape(title))</title>",
    ]
    // The y axis: a line and a label every 10 (every 20 from 0).
    let step = floor == 0 ? 20.0 : 10.0
    var tick = floor
    while tick <= 100 {
      parts.append(
        #"<line x1="\#(Self.left.svg)" y1="\#(y(tick).svg)" x2="\#((width - Self.right).svg)" y2="\#(y(tick).svg)" stroke="rgb(213,219,227)"/>"#
      )
      parts.append(
        #"<text x="\#((Self.left - 6).svg)" y="\#((y(tick) + 4).svg)" text-anchor="end">\#(Int(tick))</text>"#
      )
      tick += step
    }
    // The x axis: every label while they fit, else every n-th.
    let every = max(1, Int((Double(points.count) / (plotWidth / 48)).rounded(.up)))
    for (index, point) in points.enumerated() where index % every == 0 || index == points.count - 1 {
      parts.append(
        #"<text x="\#(x(index).svg)" y="\#((height - 8).svg)" text-anchor="middle">\#(Self.escape(point.label))</text>"#
      )
    }
    if points.count > 1 {
      let line = points.indices.map { "\(x($0).svg),\(y(points[$0].score).svg)" }.joined(separator: " ")
      parts.append(#"<polyline fill="none" stroke="rgb(31,78,140)" stroke-width="2" points="\#(line)"/>"#)
    }
    for (index, point) in points.enumerated() {
      parts.append(
        #"<circle cx="\#(x(index).svg)" cy="\#(y(point.score).svg)" r="3" fill="rgb(31,78,140)"><title>\#(Self.escape(point.label)): \#(String(format2: point.score)) (\#(point.count))</title></circle>"#
      )
    }
    parts.append("</svg>")
    return parts.joined(separator: "\n")
  }

  /// Text made safe inside SVG (XML) text and attributes.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      default: result.append(character)
      }
    }
    return result
  }
}

extension Double {
  /// A coordinate with one decimal, as SVG takes it.
  fileprivate var svg: String {
    let tenths = Int((self * 10).rounded())
    return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(abs(tenths % 10))"
  }
}
