import RatingFlow
import RatingModel

/// Runs the rating flow on the event loop's thread, keeping its one rule: a screen that follows
/// a rating is shown only after `commit` has put the step's records on disk.
public final class PadController {
  /// The flow as last committed.
  public private(set) var flow: RatingFlow
  private let commit: ([FlowRecord]) throws -> Void
  private let isRated: (RatingKey) -> Bool
  private let show: (FlowScreen) -> Void
  private let newPromptID: () -> PromptID
  private var shown: FlowScreen?
  /// The fault the flow was put out of service for; the flow itself keeps only its text.
  private var raised: FaultCode?

  /// Wires the flow to its ledger (`commit`, `isRated`) and its screen (`show`).
  public init(
    flow: RatingFlow, commit: @escaping ([FlowRecord]) throws -> Void, isRated: @escaping (RatingKey) -> Bool,
    show: @escaping (FlowScreen) -> Void, newPromptID: @escaping () -> PromptID
  ) {
    self.flow = flow
    self.commit = commit
    self.isRated = isRated
    self.show = show
    self.newPromptID = newPromptID
    refresh()
  }

  /// Opens a prompt for the counter system or the kiosk; the refusal explains itself.
  public func open(_ source: PromptSource, at now: FlowInstant) -> Result<Prompt, PromptRefusal> {
    var next = flow
    let id = newPromptID()
    switch next.open(source, id: id, at: now, isRated: isRated) {
    case .failure(let refusal):
      return .failure(refusal)
    case .success(let step):
      guard apply(step.records, next) else { return .failure(.outOfService(fault: faultText)) }
      return .success(step.prompt!)
    }
  }

  /// A tap landed on `target`.
  public func tap(_ target: TapTarget, at now: FlowInstant) {
    var next = flow
    let step = next.tap(target, at: now, freePromptID: self.newPromptID())
    apply(step.records, next)
  }

  /// Time passed: apply any timeout that is due.
  public func advance(to now: FlowInstant) {
    guard let deadline = flow.nextDeadline, now >= deadline else { return }
    var next = flow
    let records = next.advance(to: now)
    apply(records, next)
  }

  /// The open prompt could not be put in front of the citizen: record it as not shown, with why.
  public func promptNotShown(_ reason: String, at now: FlowInstant) {
    var next = flow
    let records = next.promptNotShown(reason, at: now)
    apply(records, next)
  }

  /// Something the pad needs is missing (e.g. every touch panel): out of service until cleared.
  public func enterFault(_ fault: FaultCode) {
    raised = fault
    flow.enterFault(fault.text)
    refresh()
  }

  /// The fault shown, if the pad is out of service.
  public var fault: FaultCode? {
    guard case .outOfService = flow.screen else { return nil }
    return raised
  }

  /// The ledger is writable again (e.g. space was freed): leave the out-of-service screen.
  public func clearFault() {
    raised = nil
    flow.clearFault()
    refresh()
  }

  private var faultText: String {
    if case .outOfService(let fault) = flow.screen { return fault }
    return ""
  }

  /// Commits `records`, then adopts `next`; on failure the flow goes out of service instead.
  @discardableResult
  private func apply(_ records: [FlowRecord], _ next: RatingFlow) -> Bool {
    do {
      if !records.isEmpty { try commit(records) }
      flow = next
      refresh()
      return true
    } catch {
      enterFault(.ledgerWrite(error))
      return false
    }
  }

  private func refresh() {
    guard shown != flow.screen else { return }
    shown = flow.screen
    show(flow.screen)
  }
}
