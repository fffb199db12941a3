/// One rating ready to forward, as named values a profile's field map reads (`FieldRule`).
///
/// The names are ours and stable (`case.number`, `rating.level`, `applicant.name`, …; the full list
/// is `UplinkItem.sourceNames`); each profile maps them to its province's fields and codes.
public struct UplinkItem: Sendable, Equatable {
  /// The case number (办件编号) and the stage it was rated at: what a province keys a rating on.
  public let caseNumber: String
  /// `accepted` or `finished`.
  public let stage: String
  /// Every value known for this rating, by source name.
  public let values: [String: String]

  /// Makes an item; `values` must hold `case.number` and `case.stage` too.
  public init(caseNumber: String, stage: String, values: [String: String]) {
    self.caseNumber = caseNumber
    self.stage = stage
    var values = values
    values["case.number"] = caseNumber
    values["case.stage"] = stage
    self.values = values
  }

  /// The names a field map may read. Times are milliseconds since the epoch (a rule's `format`
  /// writes them in the province's form); levels, channels and kinds are our stored names.
  public static let sourceNames: Set<String> = [
    "case.number", "case.stage", "rating.level", "rating.reasons", "rating.time",
    "device.channel", "device.hall", "device.department", "device.area_code", "staff.number", "staff.window",
    "service.code", "service.name", "case.credit_code", "case.task_code", "case.task_name",
    "case.region_code",
    "case.status", "case.accepted_at", "case.promise", "case.handler", "applicant.type", "applicant.name",
    "applicant.certificate_type", "applicant.certificate_number",
  ]
}
