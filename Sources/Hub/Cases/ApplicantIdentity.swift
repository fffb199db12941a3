/// Who applied: personal data, kept by the hub only sealed (`IdentitySeal`) and only until the
/// rating's forward was acknowledged plus the retention; never sent back by the case API.
public struct ApplicantIdentity: Sendable, Equatable, Codable {
  /// The applicant's (or the body's) name, at most 100 characters.
  public var name: String
  /// The document the number is of.
  public var certificateType: CertificateType
  /// The document's number, at most 64 characters (an id_card number checked).
  public var certificateNumber: String

  /// The longest name kept.
  public static let nameLimit = 100
  /// The longest certificate number kept.
  public static let certificateNumberLimit = 64

  enum CodingKeys: String, CodingKey {
    case name
    case certificateType = "certificate_type"
    case certificateNumber = "certificate_number"
  }

  /// Checks every field, naming the first bad one (`applicant.…`).
  public init(name: String, certificateType: CertificateType, certificateNumber: String)
    throws(CaseFieldError)
  {
    self.name = try CaseText.required(name, field: "applicant.name", limit: Self.nameLimit)
    self.certificateType = certificateType
    let number = try CaseText.required(
      certificateNumber, field: "applicant.certificate_number", limit: Self.certificateNumberLimit)
    self.certificateNumber =
      certificateType == .idCard
      ? try IdentityCardNumber.checked(number, field: "applicant.certificate_number") : number
  }

  /// Read back from its seal, checked again like everything that enters.
  public init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      name: try values.decode(String.self, forKey: .name),
      certificateType: try values.decode(CertificateType.self, forKey: .certificateType),
      certificateNumber: try values.decode(String.self, forKey: .certificateNumber))
  }
}
