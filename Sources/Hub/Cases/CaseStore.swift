/// Where the hub keeps the cases the counter system sent (`cases`, schema version 8), for the case
/// API and the province forwarder: the non-personal fields as JSON, the applicant's identity
/// sealed (`IdentitySeal`) until the forward was acknowledged plus the retention.
public protocol CaseStore: Sendable {
  /// Creates the case, or replaces it while its rating has not been forwarded; true when created.
  /// `CaseRefusal.alreadyForwarded` once `markForwarded` was called for it.
  func putCase(_ details: CaseDetails, at now: Int64) async throws -> Bool
  /// The case without the applicant's identity, and whether the hub still holds it; nil when
  /// there is no such case. Nothing is opened: the case API answers with this.
  func storedCase(number: String) async throws -> StoredCase?
  /// The case with the applicant's identity opened while the hub holds it (nil after it was
  /// forgotten); nil when there is no such case. For the forwarder.
  func caseDetails(number: String) async throws -> CaseDetails?
  /// Notes that the province acknowledged the forward of the case's rating at `at` (ms): the
  /// identity is forgotten once the retention has passed, and the case can no longer be replaced.
  /// A second call keeps the first time. False when there is no such case.
  func markForwarded(number: String, at: Int64) async throws -> Bool
  /// Forgets (sets to NULL) every identity whose time to be forgotten is at or before `now` (ms);
  /// returns how many.
  func forgetExpiredIdentities(now: Int64) async throws -> Int
}
