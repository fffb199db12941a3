/// Bad input to the rating model, each case naming exactly what was wrong.
public enum RatingInputError: Error, Equatable, Sendable, CustomStringConvertible {
  case emptyField(String)
  case fieldTooLong(field: String, length: Int, limit: Int)
  case invalidCharacters(field: String)
  case unknownLevel(String)
  case unknownLevelNumber(Int, LevelNumbering)
  case unknownReasonCode(String)
  case unknownStage(String)

  public var description: String {
    switch self {
    case .emptyField(let field):
      "\(field) is empty"
    case .fieldTooLong(let field, let length, let limit):
      "\(field) is \(length) characters long; at most \(limit) are allowed"
    case .invalidCharacters(let field):
      "\(field) contains control characters or leading/trailing spaces"
    case .unknownLevel(let value):
      "unknown satisfaction level '\(value)' (expected one of \(SatisfactionLevel.allCases.map(\.rawValue).joined(separator: ", ")))"
    case .unknownLevelNumber(let number, let numbering):
      "level number \(number) does not exist in the \(numbering.rawValue) numbering (1…5)"
    case .unknownReasonCode(let code):
      "unknown reason code '\(code)' for this checklist"
    case .unknownStage(let value):
      "unknown evaluation stage '\(value)' (expected accepted or finished)"
    }
  }
}
