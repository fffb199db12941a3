import ProvinceInterface

extension OutboxEntry {
  /// The rating as the profiles read it (`UplinkItem`): the record, the pad's card, and the case's
  /// details from the counter system (`caseValues`, empty until they come).
  func item(caseValues: [String: String]) -> UplinkItem {
    let transaction = record.transaction
    var values: [String: String] = [
      "rating.level": record.level ?? "",
      "rating.reasons": reasons,
      "rating.time": String(wallMilliseconds),
      // The record says the channel it was made on; a card enrolled from configuration may not.
      "device.channel": record.channel ?? card.channel,
      "device.hall": card.hall,
      "device.department": card.department,
      "device.area_code": card.areaCode,
      "staff.number": transaction?.staffNumber ?? "",
      "staff.window": transaction?.window ?? "",
      "service.code": transaction?.serviceItemCode ?? "",
      "service.name": transaction?.serviceItemName ?? "",
    ]
    values.merge(caseValues) { _, fromCase in fromCase }
    return UplinkItem(caseNumber: caseNumber, stage: stage, values: values)
  }
}
