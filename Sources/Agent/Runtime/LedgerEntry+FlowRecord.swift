import RatingFlow
import RatingModel
import RecordChain

/// The adaptor between the flow's decisions and the ledger: the flow knows nothing of records,
/// the ledger nothing of the flow.
extension LedgerEntry {
  /// The entry for something the rating flow decided.
  public init(_ record: FlowRecord, channel: Channel) {
    switch record {
    case .rating(let rating):
      self.init(kind: .rating, prompt: rating.prompt, level: rating.level, channel: channel)
    case .reasons(let reasons):
      self.init(kind: .reasons, prompt: reasons.prompt, level: reasons.level, channel: channel)
      self.reasons = reasons.codes
      self.checklistVersion = reasons.checklistVersion
      // A record with no codes says why there are none (`skipped`, `timed_out` …); with codes,
      // being submitted goes without saying and the record keeps the form it always had.
      if reasons.codes.isEmpty { self.detail = reasons.closing.rawValue }
    case .promptExpired(let prompt):
      self.init(kind: .promptExpired, prompt: prompt, level: nil, channel: channel)
    case .promptSuperseded(let prompt, let newer):
      self.init(kind: .promptSuperseded, prompt: prompt, level: nil, channel: channel)
      self.detail = "superseded by \(newer)"
    case .promptNotShown(let prompt, let reason):
      self.init(kind: .promptNotShown, prompt: prompt, level: nil, channel: channel)
      self.detail = reason
    case .suspectPress(let press):
      self.init(kind: .suspectPress, prompt: press.prompt, level: press.level, channel: channel)
      self.suspectReason = press.reason
    }
  }

  private init(kind: LedgerKind, prompt: Prompt?, level: SatisfactionLevel?, channel: Channel) {
    self.init(
      kind: kind, promptID: prompt?.id.value, source: prompt?.source.kind,
      transaction: prompt?.source.transaction,
      level: level, channel: channel)
  }
}
