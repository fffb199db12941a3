/// Why the store did not take a case.
public enum CaseRefusal: Error, Equatable, CustomStringConvertible {
  /// The case's rating has been forwarded: what the province holds is not changed under it.
  case alreadyForwarded(number: String)

  public var description: String {
    switch self {
    case .alreadyForwarded(let number):
      "case \(number)'s rating has been forwarded to the province; the case can no longer be replaced"
    }
  }
}
