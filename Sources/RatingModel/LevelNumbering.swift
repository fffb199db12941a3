/// A numbering convention a hub uses for levels; conversion happens only at the edge.
public enum LevelNumbering: String, CaseIterable, Codable, Sendable {
  /// Provincial interfaces: 1 = 非常不满意 … 5 = 非常满意.
  case provincial
  /// GB/T 39046-2020 appendix A.8 (满意度代码): 1 = 非常满意 … 5 = 非常不满意.
  case gbt39046 = "gbt39046"

  /// The number this convention gives the level.
  public func number(for level: SatisfactionLevel) -> Int {
    switch self {
    case .provincial: level.points
    case .gbt39046: 6 - level.points
    }
  }

  /// The level this convention means by `number`, or an error naming the number.
  public func level(for number: Int) throws(RatingInputError) -> SatisfactionLevel {
    guard let level = SatisfactionLevel.allCases.first(where: { self.number(for: $0) == number }) else {
      throw .unknownLevelNumber(number, self)
    }
    return level
  }
}

/// The channel a rating came through (评价渠道), as the device reports it.
public enum Channel: String, CaseIterable, Codable, Sendable {
  /// 政务大厅平板电脑: the pad at a service window.
  case windowPad = "window_pad"
  /// 政务大厅其他终端/自助终端: a self-service kiosk.
  case kiosk

  /// The code in the common provincial scheme (4 window pad, 5 kiosk).
  public var provincialCode: Int {
    switch self {
    case .windowPad: 4
    case .kiosk: 5
    }
  }
}
