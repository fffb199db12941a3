/// What kind of person or body applied (a province's `userProp` numbers these; its forwarding
/// profile converts).
public enum ApplicantType: String, CaseIterable, Codable, Sendable {
  /// 自然人.
  case naturalPerson = "natural_person"
  /// 企业法人.
  case enterpriseLegalPerson = "enterprise_legal_person"
  /// 社会组织法人.
  case socialOrganization = "social_organization"
  /// 事业单位法人.
  case publicInstitution = "public_institution"
  /// 非法人企业.
  case unincorporatedEnterprise = "unincorporated_enterprise"
  /// 行政机关.
  case governmentAgency = "government_agency"
  /// 其他组织.
  case otherOrganization = "other_organization"
}
