/// One item a citizen can tick to say what went wrong (测评内容).
public struct ReasonItem: Sendable, Hashable, Codable {
  /// The code the provincial system uses for this item.
  public let code: String
  /// The label shown, in both languages.
  public let label: LocalizedText

  /// Makes an item.
  public init(code: String, label: LocalizedText) {
    self.code = code
    self.label = label
  }
}

extension LocalizedText: Codable {
  private enum CodingKeys: String, CodingKey { case zh, en }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(try container.decode(String.self, forKey: .zh), try container.decode(String.self, forKey: .en))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(chinese, forKey: .zh)
    try container.encode(english, forKey: .en)
  }
}

/// The versioned checklist of reasons for bad ratings; it comes from configuration, not code.
public struct ReasonChecklist: Sendable, Hashable {
  /// The version the provincial system gave this checklist; stored with every reasons record.
  public let version: String
  /// The items offered for each bad level.
  public let itemsByLevel: [SatisfactionLevel: [ReasonItem]]

  /// Makes a checklist.
  public init(version: String, itemsByLevel: [SatisfactionLevel: [ReasonItem]]) {
    self.version = version
    self.itemsByLevel = itemsByLevel
  }

  /// The items shown after `level` (empty for good levels).
  public func items(for level: SatisfactionLevel) -> [ReasonItem] {
    level.isBad ? itemsByLevel[level] ?? [] : []
  }

  /// Checks that every code is offered for `level`, naming the first that is not.
  public func validate(codes: [String], for level: SatisfactionLevel) throws(RatingInputError) {
    let offered = Set(items(for: level).map(\.code))
    if let unknown = codes.first(where: { !offered.contains($0) }) {
      throw .unknownReasonCode(unknown)
    }
  }

  /// The current national list (`NationalReasonCodes`, version `national-2`): 207–214 after
  /// 不满意, 108–115 after 非常不满意. Used when configuration gives no checklist.
  public static let standard = ReasonChecklist(
    version: NationalReasonCodes.version,
    itemsByLevel: [
      .dissatisfied: NationalReasonCodes.current[.dissatisfied] ?? [],
      .veryDissatisfied: NationalReasonCodes.current[.veryDissatisfied] ?? [],
    ])
}
