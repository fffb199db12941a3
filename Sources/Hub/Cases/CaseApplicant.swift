/// The applicant of a case: what kind of applicant (kept while the case is), and who (personal
/// data: nil once forgotten, and whenever read without the key).
public struct CaseApplicant: Sendable, Equatable {
  /// What kind of person or body applied.
  public var type: ApplicantType
  /// Who applied, while the hub holds it.
  public var identity: ApplicantIdentity?

  /// Makes an applicant.
  public init(type: ApplicantType, identity: ApplicantIdentity?) {
    self.type = type
    self.identity = identity
  }
}
