import RatingModel

/// What the counter system tells the hub about a case (办件) that the pad never knows, and the
/// province's forwarder needs: the department's credit code, the task, the status, the applicant.
/// Every field is checked where it enters; nothing invalid is constructed.
public struct CaseDetails: Sendable, Equatable {
  /// 办件编号, at most `Transaction.numberLimit` (50) characters: the key the pad's rating carries.
  public var number: String
  /// 统一社会信用代码 of the department handling the case (18 characters).
  public var departmentCreditCode: String
  /// 事项统一编码, at most 64 characters.
  public var taskCode: String
  /// 事项名称, at most 200 characters.
  public var taskName: String
  /// 行政区划代码, 6 or 12 digits.
  public var regionCode: String?
  /// Where the case stands.
  public var status: CaseStatus
  /// When it was accepted, milliseconds since the epoch.
  public var acceptedMilliseconds: Int64
  /// Promised or immediate.
  public var promise: CasePromise?
  /// The clerk handling it (a name, at most 64 characters).
  public var handler: String?
  /// Who applied.
  public var applicant: CaseApplicant

  /// The longest task code kept.
  public static let taskCodeLimit = 64
  /// The longest task name kept.
  public static let taskNameLimit = 200
  /// The longest handler kept.
  public static let handlerLimit = 64

  /// The case `order` describes, under the path's `number`; the first bad field is named. With
  /// `requiringIdentity` false (the stored, non-personal fields) the applicant's name and
  /// certificate are left out.
  public init(number: String, order: CaseOrder, requiringIdentity: Bool = true) throws(CaseFieldError) {
    self.number = try Self.checkedNumber(number)
    if let sent = order.number, sent != number {
      throw CaseFieldError("number", "'\(sent.prefix(60))' is not the path's case number '\(number)'")
    }
    departmentCreditCode = try CreditCode.checked(order.departmentCreditCode, field: "department_credit_code")
    taskCode = try CaseText.required(order.taskCode, field: "task_code", limit: Self.taskCodeLimit)
    taskName = try CaseText.required(order.taskName, field: "task_name", limit: Self.taskNameLimit)
    if let region = try CaseText.checked(order.regionCode, field: "region_code", limit: 12, required: false) {
      guard region.count == 6 || region.count == 12, region.allSatisfy({ $0.isASCII && $0.isNumber }) else {
        throw CaseFieldError("region_code", "'\(region)' is not 6 or 12 digits (行政区划代码)")
      }
      regionCode = region
    }
    status = try Self.choice(order.status, field: "status", required: true)!
    guard let acceptedAt = order.acceptedAt else { throw CaseFieldError("accepted_at", "is required") }
    acceptedMilliseconds = try acceptedAt.milliseconds(field: "accepted_at")
    promise = try Self.choice(order.promise, field: "promise", required: false)
    handler = try CaseText.checked(order.handler, field: "handler", limit: Self.handlerLimit, required: false)
    guard let sent = order.applicant else { throw CaseFieldError("applicant", "is required") }
    let type: ApplicantType = try Self.choice(sent.type, field: "applicant.type", required: true)!
    var identity: ApplicantIdentity?
    if requiringIdentity || sent.name != nil {
      let certificate: CertificateType = try Self.choice(
        sent.certificateType, field: "applicant.certificate_type", required: true)!
      identity = try ApplicantIdentity(
        name: sent.name ?? "", certificateType: certificate, certificateNumber: sent.certificateNumber ?? "")
    }
    applicant = CaseApplicant(type: type, identity: identity)
  }

  /// The fields as an order; without the applicant's identity unless `withIdentity`.
  public func order(withIdentity: Bool) -> CaseOrder {
    let identity = withIdentity ? applicant.identity : nil
    return CaseOrder(
      number: number, departmentCreditCode: departmentCreditCode, taskCode: taskCode, taskName: taskName,
      regionCode: regionCode, status: status.rawValue, acceptedAt: .milliseconds(acceptedMilliseconds),
      promise: promise?.rawValue, handler: handler,
      applicant: CaseOrder.Applicant(
        type: applicant.type.rawValue, name: identity?.name,
        certificateType: identity?.certificateType.rawValue,
        certificateNumber: identity?.certificateNumber))
  }

  /// A case number as the pad's transactions have it (`Transaction.numberLimit`); else the error.
  static func checkedNumber(_ number: String) throws(CaseFieldError) -> String {
    try CaseText.required(number, field: "number", limit: Transaction.numberLimit)
  }

  /// The enum value `raw` names, or the field's error listing the values allowed.
  private static func choice<T: RawRepresentable & CaseIterable>(
    _ raw: String?, field: String, required: Bool
  )
    throws(CaseFieldError) -> T? where T.RawValue == String
  {
    guard let raw else {
      if required { throw CaseFieldError(field, "is required") }
      return nil
    }
    guard let value = T(rawValue: raw) else {
      let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
      throw CaseFieldError(field, "'\(raw.prefix(40))' is not one of: \(allowed)")
    }
    return value
  }
}
