/// The body of `PUT /v1/cases/{number}` as the counter system sends it, before any field is
/// checked (`CaseDetails.init(number:order:)` checks them); also the form the non-personal
/// fields are stored in, with the applicant's identity left out.
public struct CaseOrder: Codable, Sendable, Equatable {
  /// 办件编号; the path's, and when given here it must be the same.
  public var number: String?
  /// 统一社会信用代码 of the department handling the case.
  public var departmentCreditCode: String?
  /// 事项统一编码.
  public var taskCode: String?
  /// 事项名称.
  public var taskName: String?
  /// 行政区划代码, 6 or 12 digits.
  public var regionCode: String?
  /// `accepted`, `in_progress` or `finished`.
  public var status: String?
  /// When the case was accepted: milliseconds since the epoch, or ISO 8601 with an offset.
  public var acceptedAt: CaseTime?
  /// `promise` or `immediate`.
  public var promise: String?
  /// The clerk who handles it.
  public var handler: String?
  /// Who applied.
  public var applicant: Applicant?

  /// The applicant as sent; the name and the certificate are personal data.
  public struct Applicant: Codable, Sendable, Equatable {
    /// An `ApplicantType` raw value.
    public var type: String?
    /// The name.
    public var name: String?
    /// A `CertificateType` raw value.
    public var certificateType: String?
    /// The certificate's number.
    public var certificateNumber: String?

    enum CodingKeys: String, CodingKey {
      case type, name
      case certificateType = "certificate_type"
      case certificateNumber = "certificate_number"
    }

    /// Makes an applicant.
    public init(
      type: String?, name: String? = nil, certificateType: String? = nil, certificateNumber: String? = nil
    ) {
      self.type = type
      self.name = name
      self.certificateType = certificateType
      self.certificateNumber = certificateNumber
    }
  }

  enum CodingKeys: String, CodingKey {
    case number, status, promise, handler, applicant
    case departmentCreditCode = "department_credit_code"
    case taskCode = "task_code"
    case taskName = "task_name"
    case regionCode = "region_code"
    case acceptedAt = "accepted_at"
  }

  /// Makes an order.
  public init(
    number: String? = nil, departmentCreditCode: String?, taskCode: String?, taskName: String?,
    regionCode: String? = nil, status: String?, acceptedAt: CaseTime?, promise: String? = nil,
    handler: String? = nil, applicant: Applicant?
  ) {
    self.number = number
    self.departmentCreditCode = departmentCreditCode
    self.taskCode = taskCode
    self.taskName = taskName
    self.regionCode = regionCode
    self.status = status
    self.acceptedAt = acceptedAt
    self.promise = promise
    self.handler = handler
    self.applicant = applicant
  }
}
