/// A case field the counter system sent that cannot be kept, naming the field (as on the wire)
/// and what is wrong with it.
public struct CaseFieldError: Error, Equatable, CustomStringConvertible {
  /// The field's wire name, dotted inside the applicant (`applicant.certificate_number`).
  public let field: String
  /// What is wrong with its value.
  public let problem: String

  init(_ field: String, _ problem: String) {
    self.field = field
    self.problem = problem
  }

  public var description: String { "field '\(field)': \(problem)" }
}
