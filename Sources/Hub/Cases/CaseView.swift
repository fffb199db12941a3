/// A case as `GET /v1/cases/{number}` (and a successful PUT) shows it: every non-personal field,
/// and of the applicant only the type and whether the hub still holds the identity, never the
/// name or the certificate.
struct CaseView: Encodable {
  let number: String
  let departmentCreditCode: String
  let taskCode: String
  let taskName: String
  let regionCode: String?
  let status: CaseStatus
  let acceptedAt: Int64
  let promise: CasePromise?
  let handler: String?
  let applicant: Applicant
  let receivedMilliseconds: Int64
  let updatedMilliseconds: Int64
  /// Whether the province acknowledged the forward of the case's rating (it can no longer be replaced).
  let forwarded: Bool
  let forgetAfterMilliseconds: Int64?

  struct Applicant: Encodable {
    let type: ApplicantType
    let held: Bool
  }

  enum CodingKeys: String, CodingKey {
    case number, status, promise, handler, applicant, forwarded
    case departmentCreditCode = "department_credit_code"
    case taskCode = "task_code"
    case taskName = "task_name"
    case regionCode = "region_code"
    case acceptedAt = "accepted_at"
    case receivedMilliseconds = "received_ms"
    case updatedMilliseconds = "updated_ms"
    case forgetAfterMilliseconds = "forget_after_ms"
  }

  init(_ stored: StoredCase) {
    let details = stored.details
    number = details.number
    departmentCreditCode = details.departmentCreditCode
    taskCode = details.taskCode
    taskName = details.taskName
    regionCode = details.regionCode
    status = details.status
    acceptedAt = details.acceptedMilliseconds
    promise = details.promise
    handler = details.handler
    applicant = Applicant(type: details.applicant.type, held: stored.identityHeld)
    receivedMilliseconds = stored.receivedMilliseconds
    updatedMilliseconds = stored.updatedMilliseconds
    forwarded = stored.forgetAfterMilliseconds != nil
    forgetAfterMilliseconds = stored.forgetAfterMilliseconds
  }
}
