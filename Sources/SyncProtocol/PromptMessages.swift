/// What a counter system sends to open a rating prompt for a finished (or accepted) transaction.
public struct PromptOrder: Codable, Sendable, Equatable {
  /// 办件编号, up to 50 characters.
  public var transactionNumber: String
  /// 事项编码.
  public var serviceItemCode: String
  /// 事项名称, shown on the prompt.
  public var serviceItemName: String?
  /// The clerk's 工号.
  public var staffNumber: String?
  /// The window.
  public var window: String?
  /// The department.
  public var department: String?
  /// `accepted` (受理) or `finished` (办结, the default).
  public var stage: String?

  enum CodingKeys: String, CodingKey {
    case window, department, stage
    case transactionNumber = "transaction_number"
    case serviceItemCode = "service_item_code"
    case serviceItemName = "service_item_name"
    case staffNumber = "staff_number"
  }

  /// Makes an order.
  public init(
    transactionNumber: String, serviceItemCode: String, serviceItemName: String? = nil,
    staffNumber: String? = nil, window: String? = nil, department: String? = nil, stage: String? = nil
  ) {
    self.transactionNumber = transactionNumber
    self.serviceItemCode = serviceItemCode
    self.serviceItemName = serviceItemName
    self.staffNumber = staffNumber
    self.window = window
    self.department = department
    self.stage = stage
  }
}

/// Where a prompt stands. Never which level the citizen chose.
public enum PromptStatus: String, Codable, Sendable, CaseIterable {
  case open, rated, expired, superseded
  case notShown = "not_shown"
}

/// The answer about one prompt.
public struct PromptState: Codable, Sendable, Equatable {
  /// The prompt's id.
  public var promptID: String
  /// Where it stands.
  public var status: PromptStatus

  enum CodingKeys: String, CodingKey {
    case status
    case promptID = "prompt_id"
  }

  /// Makes a state.
  public init(promptID: String, status: PromptStatus) {
    self.promptID = promptID
    self.status = status
  }
}

/// Every error answer: a stable code for programs and a sentence for people.
public struct Problem: Codable, Sendable, Equatable, Error {
  /// A stable code, e.g. `already_rated`, `unauthorized`, `bad_request`.
  public var error: String
  /// What was wrong, naming the field or value.
  public var message: String

  /// Makes a problem.
  public init(error: String, message: String) {
    self.error = error
    self.message = message
  }
}
