extension CaseDetails {
  /// The case as the province profiles read it (`UplinkItem.sourceNames`); the applicant's
  /// identity only while the hub still holds it.
  var uplinkValues: [String: String] {
    var values = [
      "case.credit_code": departmentCreditCode, "case.task_code": taskCode, "case.task_name": taskName,
      "case.status": status.rawValue, "case.accepted_at": String(acceptedMilliseconds),
      "applicant.type": applicant.type.rawValue,
    ]
    values["case.region_code"] = regionCode
    values["case.promise"] = promise?.rawValue
    values["case.handler"] = handler
    if let identity = applicant.identity {
      values["applicant.name"] = identity.name
      values["applicant.certificate_type"] = identity.certificateType.rawValue
      values["applicant.certificate_number"] = identity.certificateNumber
    }
    return values
  }
}
