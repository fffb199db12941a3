import SyncProtocol

/// What storing one record does to the outbox: decided from the record alone, applied in the
/// transaction that stores it (`SQLHubStore.append`).
enum OutboxAdmission: Equatable {
  /// A rating of a case: to forward, now or once its reasons are known.
  case enqueue(caseNumber: String, stage: String, state: OutboxState, reasons: String?)
  /// Kept out of the uplink, with why (the hub shows it).
  case notForwardable(caseNumber: String, stage: String, why: String)
  /// The reasons of the rating answering `promptID` (none: the reasons screen closed without any).
  case reasons(promptID: String, codes: String)
  /// Nothing to do with the province (boots, faults, clerks, …).
  case none

  /// The outbox's part in storing `record`.
  static func of(_ record: WireRecord) -> OutboxAdmission {
    let caseNumber = record.transaction?.number ?? ""
    let stage = record.transaction?.stage ?? ""
    switch record.kind {
    case "rating":
      guard record.transaction != nil else {
        return .notForwardable(
          caseNumber: "", stage: "", why: "a free rating (no case): a province keys every rating to a case")
      }
      let bad = record.level == "dissatisfied" || record.level == "very_dissatisfied"
      return .enqueue(
        caseNumber: caseNumber, stage: stage, state: bad ? .awaitingReasons : .pending,
        reasons: bad ? nil : "")
    case "reasons":
      guard let promptID = record.promptID else { return .none }
      return .reasons(promptID: promptID, codes: record.reasons.joined(separator: ","))
    case "prompt_expired":
      return .notForwardable(
        caseNumber: caseNumber, stage: stage, why: "the prompt expired unrated: not a rating")
    case "prompt_not_shown":
      return .notForwardable(
        caseNumber: caseNumber, stage: stage,
        why: "the prompt was never shown (\(record.detail ?? "no reason")): not a rating")
    case "suspect_press":
      return .notForwardable(
        caseNumber: caseNumber, stage: stage,
        why: "a suspect press (\(record.suspectReason ?? "flagged")): never counted as a rating")
    default:
      return .none
    }
  }
}
