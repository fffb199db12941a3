/// The document that identifies the applicant (provinces number these: 111 居民身份证, 001, 821 …;
/// their forwarding profiles convert).
public enum CertificateType: String, CaseIterable, Codable, Sendable {
  /// 居民身份证: its number is checked (`IdentityCardNumber`).
  case idCard = "id_card"
  /// 组织机构代码证.
  case organizationCode = "organization_code"
  /// 营业执照.
  case businessLicence = "business_licence"
  /// 护照.
  case passport
  /// 港澳居民来往内地通行证.
  case hongKongMacaoPermit = "hk_macao_permit"
  /// 台湾居民来往大陆通行证.
  case taiwanPermit = "taiwan_permit"
  /// 其他证件.
  case other
}
