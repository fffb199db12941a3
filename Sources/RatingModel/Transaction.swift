/// The stage of the transaction the rating is about (评价阶段).
public enum EvaluationStage: String, CaseIterable, Codable, Sendable {
  /// 受理: the application was accepted.
  case accepted
  /// 办结: the transaction was finished.
  case finished

  /// Parses a stage, naming the bad value when it is not one.
  public init(stored value: String) throws(RatingInputError) {
    guard let stage = EvaluationStage(rawValue: value) else { throw .unknownStage(value) }
    self = stage
  }
}

/// The transaction a prompt asks about, as the counter system (or the kiosk) describes it.
public struct Transaction: Sendable, Hashable, Codable {
  /// 办件编号: the transaction number, at most 50 characters.
  public let number: String
  /// 事项编码: the service item code.
  public let serviceItemCode: String
  /// The service item's name, shown on the prompt.
  public let serviceItemName: String
  /// 工号: the clerk's staff number (empty on a kiosk).
  public let staffNumber: String
  /// The window the transaction was handled at (empty on a kiosk).
  public let window: String
  /// The department code.
  public let department: String
  /// Which stage this rating is for.
  public let stage: EvaluationStage

  /// The limit real interfaces put on 办件编号.
  public static let numberLimit = 50
  /// A generous limit for the other identifying fields, so no field can swamp a record.
  public static let fieldLimit = 64
  /// Service item names can be long sentences.
  public static let nameLimit = 200

  /// Validates every field and names the first bad one; nothing invalid is ever constructed.
  public init(
    number: String, serviceItemCode: String, serviceItemName: String = "", staffNumber: String = "",
    window: String = "", department: String = "", stage: EvaluationStage = .finished
  ) throws(RatingInputError) {
    try Self.check(number, field: "transaction number (办件编号)", limit: Self.numberLimit, required: true)
    try Self.check(serviceItemCode, field: "service item code (事项编码)", limit: Self.fieldLimit, required: true)
    try Self.check(serviceItemName, field: "service item name", limit: Self.nameLimit, required: false)
    try Self.check(staffNumber, field: "staff number (工号)", limit: Self.fieldLimit, required: false)
    try Self.check(window, field: "window", limit: Self.fieldLimit, required: false)
    try Self.check(department, field: "department", limit: Self.fieldLimit, required: false)
    self.number = number
    self.serviceItemCode = serviceItemCode
    self.serviceItemName = serviceItemName
    self.staffNumber = staffNumber
    self.window = window
    self.department = department
    self.stage = stage
  }

  /// What "already rated" is keyed on: one rating per transaction and stage (一事一评).
  public var ratingKey: RatingKey { RatingKey(transactionNumber: number, stage: stage) }

  private static func check(_ value: String, field: String, limit: Int, required: Bool)
    throws(RatingInputError)
  {
    if value.isEmpty {
      if required { throw .emptyField(field) }
      return
    }
    // UTF-8 length bounds the character count, so most values skip counting characters.
    if value.utf8.count > limit, value.count > limit {
      throw .fieldTooLong(field: field, length: value.count, limit: limit)
    }
    // Control characters (Unicode category Cc) are exactly U+0000–U+001F and U+007F–U+009F.
    let hasControl = value.unicodeScalars.contains { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }
    if hasControl || value.first!.isWhitespace || value.last!.isWhitespace {
      throw .invalidCharacters(field: field)
    }
  }
}

/// The identity of one rateable occasion: a transaction number at one stage.
public struct RatingKey: Sendable, Hashable, Codable {
  /// 办件编号.
  public let transactionNumber: String
  /// 受理 or 办结.
  public let stage: EvaluationStage

  /// Makes a key from its parts.
  public init(transactionNumber: String, stage: EvaluationStage) {
    self.transactionNumber = transactionNumber
    self.stage = stage
  }
}
