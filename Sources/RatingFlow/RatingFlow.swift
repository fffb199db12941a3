import RatingModel

/// The rating screen's state machine: events in (prompts, taps, time), ledger records and screens out.
///
/// It is a value: the agent advances a copy, writes the step's records to the ledger, and keeps
/// the copy only once they are on disk — so the thank-you screen can never run ahead of the
/// ledger. If the write fails, the agent keeps the old value and calls `enterFault`.
public struct RatingFlow: Sendable {
  /// The rules in force.
  public let settings: FlowSettings
  /// What the citizen sees now.
  public internal(set) var screen: FlowScreen = .idle
  /// Ratings made since start, so a transaction is refused at once even before the ledger is asked.
  private var ratedKeys: Set<RatingKey> = []
  /// The prompt rated most recently, for flagging double taps on the thank-you screen.
  private var lastRatedPrompt: Prompt?
  /// Times of recent level taps, for the burst rule.
  private var recentLevelTaps: [FlowInstant] = []

  /// Starts idle with `settings`.
  public init(settings: FlowSettings = FlowSettings()) {
    self.settings = settings
  }

  /// The next instant at which `advance(to:)` will change something, for the event loop's timer.
  public var nextDeadline: FlowInstant? { screen.deadline }

  /// The prompt currently open, if any.
  public var openPrompt: Prompt? {
    if case .prompting(let prompt, _) = screen { return prompt }
    return nil
  }

  /// Opens a prompt, superseding any open one (an open reasons screen closes with none given);
  /// refuses an already rated transaction.
  ///
  /// `isRated` asks the ledger whether a transaction was rated before this run. Opening the
  /// transaction that is already open returns that prompt unchanged, so counter systems may retry.
  public mutating func open(
    _ source: PromptSource, id: PromptID, at now: FlowInstant, isRated: (RatingKey) -> Bool = { _ in false }
  ) -> Result<FlowStep, PromptRefusal> {
    var records = advance(to: now)
    if case .outOfService(let fault) = screen { return .failure(.outOfService(fault: fault)) }
    if let key = source.transaction?.ratingKey {
      if ratedKeys.contains(key) || isRated(key) { return .failure(.alreadyRated(key)) }
      if let open = openPrompt, open.source.transaction?.ratingKey == key {
        return .success(FlowStep(records: records, prompt: open))
      }
    } else if !settings.freeRatingAllowed {
      return .failure(.freeRatingNotAllowed)
    }
    let prompt = Prompt(id: id, source: source, openedAt: now)
    if let old = openPrompt { records.append(.promptSuperseded(old, by: id)) }
    if case .reasons(let rating, _, _, _) = screen { records.append(noReasons(for: rating, .superseded)) }
    screen = .prompting(prompt, deadline: now + settings.promptTimeout)
    return .success(FlowStep(records: records, prompt: prompt))
  }

  /// Handles a tap on `target` at `now`.
  public mutating func tap(
    _ target: TapTarget, at now: FlowInstant, freePromptID: @autoclosure () -> PromptID
  )
    -> FlowStep
  {
    var records = advance(to: now)
    switch target {
    case .level(let level):
      records.append(contentsOf: tapLevel(level, at: now, freePromptID: freePromptID))
    case .reason(let code):
      guard case .reasons(let rating, let items, var selected, _) = screen,
        items.contains(where: { $0.code == code })
      else { break }
      if let index = selected.firstIndex(of: code) {
        selected.remove(at: index)
      } else {
        selected.append(code)
      }
      let ordered = items.map(\.code).filter(selected.contains)
      screen = .reasons(rating, items: items, selected: ordered, deadline: now + settings.reasonsTimeout)
    case .submitReasons, .skipReasons:
      guard case .reasons(let rating, _, let selected, _) = screen else { break }
      if target == .submitReasons {
        records.append(
          .reasons(
            RatingReasons(
              prompt: rating.prompt, level: rating.level, codes: selected,
              checklistVersion: settings.checklist.version)))
      } else {
        records.append(noReasons(for: rating, .skipped))
      }
      screen = .thanks(until: now + settings.thanksDuration)
    }
    return FlowStep(records: records)
  }

  /// Applies every timeout due by `now`.
  public mutating func advance(to now: FlowInstant) -> [FlowRecord] {
    guard let deadline = screen.deadline, now >= deadline else { return [] }
    switch screen {
    case .prompting(let prompt, _):
      screen = .expired(until: now + settings.expiredDuration)
      return [.promptExpired(prompt)]
    case .reasons(let rating, _, _, _):
      // Walking away gives no reasons (ticks never submitted are not given); the rating is kept.
      screen = .thanks(until: now + settings.thanksDuration)
      return [noReasons(for: rating, .timedOut)]
    case .thanks, .expired:
      screen = .idle
      return []
    case .idle, .outOfService:
      return []
    }
  }

  /// The open prompt could not be put in front of the citizen (a kiosk application kept the
  /// screen): it closes unrated, recorded as not shown with `reason`, and the flow is idle again.
  public mutating func promptNotShown(_ reason: String, at now: FlowInstant) -> [FlowRecord] {
    var records = advance(to: now)
    guard let prompt = openPrompt else { return records }
    screen = .idle
    records.append(.promptNotShown(prompt, reason: reason))
    return records
  }

  /// The device can no longer record ratings; show it and refuse prompts until `clearFault`.
  public mutating func enterFault(_ fault: String) {
    screen = .outOfService(fault: fault)
  }

  /// The fault is gone: back to idle.
  public mutating func clearFault() {
    if case .outOfService = screen { screen = .idle }
  }

  private mutating func tapLevel(
    _ level: SatisfactionLevel, at now: FlowInstant, freePromptID: () -> PromptID
  )
    -> [FlowRecord]
  {
    recentLevelTaps.removeAll { now - $0 >= settings.burstWindow }
    recentLevelTaps.append(now)
    let isBurst = recentLevelTaps.count >= settings.burstCount

    func suspect(_ reason: SuspectReason, _ prompt: Prompt?) -> [FlowRecord] {
      [.suspectPress(SuspectPress(reason: reason, level: level, prompt: prompt, at: now))]
    }

    switch screen {
    case .prompting(let prompt, _):
      if now - prompt.openedAt < settings.minimumReadTime { return suspect(.tooSoon, prompt) }
      if isBurst { return suspect(.burst, prompt) }
      return rate(prompt, level, at: now)
    case .thanks:
      return suspect(.afterRating, lastRatedPrompt)
    case .idle, .expired:
      guard settings.freeRatingAllowed else { return suspect(.noPrompt, nil) }
      if isBurst { return suspect(.burst, nil) }
      return rate(Prompt(id: freePromptID(), source: .free, openedAt: now), level, at: now)
    case .reasons, .outOfService:
      // No level buttons are on these screens; a stale tap means nothing.
      return []
    }
  }

  /// The record that `rating`'s reasons screen closed, `how`, with none given.
  private func noReasons(for rating: Rating, _ how: ReasonsClosing) -> FlowRecord {
    .reasons(
      RatingReasons(
        prompt: rating.prompt, level: rating.level, codes: [], checklistVersion: settings.checklist.version,
        closing: how))
  }

  private mutating func rate(_ prompt: Prompt, _ level: SatisfactionLevel, at now: FlowInstant)
    -> [FlowRecord]
  {
    let rating = Rating(prompt: prompt, level: level, at: now)
    if let key = prompt.source.transaction?.ratingKey { ratedKeys.insert(key) }
    lastRatedPrompt = prompt
    let items = settings.checklist.items(for: level)
    if items.isEmpty {
      screen = .thanks(until: now + settings.thanksDuration)
    } else {
      screen = .reasons(rating, items: items, selected: [], deadline: now + settings.reasonsTimeout)
    }
    return [.rating(rating)]
  }
}

/// What one event did: the records to write before the new screen may show.
public struct FlowStep: Sendable, Hashable {
  /// Records for the ledger, in order.
  public let records: [FlowRecord]
  /// The prompt opened (or found already open), for `open`.
  public let prompt: Prompt?

  /// Makes a step.
  public init(records: [FlowRecord], prompt: Prompt? = nil) {
    self.records = records
    self.prompt = prompt
  }
}
