/// One of the five levels of the national rating template (全国统一模版), stored by meaning.
///
/// Hubs number the levels in opposite directions, so a bare number is never stored;
/// `LevelNumbering` converts at the edge, per target.
public enum SatisfactionLevel: String, CaseIterable, Codable, Sendable, Hashable {
  case verySatisfied = "very_satisfied"
  case satisfied = "satisfied"
  case basicallySatisfied = "basically_satisfied"
  case dissatisfied = "dissatisfied"
  case veryDissatisfied = "very_dissatisfied"

  /// The levels in the order the prompt shows them, best first.
  public static let displayOrder: [SatisfactionLevel] = allCases

  /// 不满意 and 非常不满意 are bad reviews (差评): they ask for reasons and are followed up.
  public var isBad: Bool { self == .dissatisfied || self == .veryDissatisfied }

  /// Points in the halls' scoring scheme: 5 for 非常满意 down to 1 for 非常不满意.
  public var points: Int {
    switch self {
    case .verySatisfied: 5
    case .satisfied: 4
    case .basicallySatisfied: 3
    case .dissatisfied: 2
    case .veryDissatisfied: 1
    }
  }

  /// The label shown on the button.
  public var label: LocalizedText {
    switch self {
    case .verySatisfied: Texts.levelVerySatisfied
    case .satisfied: Texts.levelSatisfied
    case .basicallySatisfied: Texts.levelBasicallySatisfied
    case .dissatisfied: Texts.levelDissatisfied
    case .veryDissatisfied: Texts.levelVeryDissatisfied
    }
  }

  /// Parses the stored meaning (`very_satisfied` …), naming the bad value when it is not one.
  public init(stored value: String) throws(RatingInputError) {
    guard let level = SatisfactionLevel(rawValue: value) else {
      throw .unknownLevel(value)
    }
    self = level
  }
}
