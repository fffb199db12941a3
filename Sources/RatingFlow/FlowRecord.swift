import RatingModel

/// Something the flow decided must be written to the ledger before the next screen shows.
public enum FlowRecord: Sendable, Hashable {
  /// A citizen's rating: one per prompt.
  case rating(Rating)
  /// The reasons a citizen picked after a bad rating, recorded after the rating itself.
  case reasons(RatingReasons)
  /// A prompt closed unrated because its time ran out. Not a rating: the hub applies policy.
  case promptExpired(Prompt)
  /// A prompt replaced by a newer one before it was rated. Not a rating.
  case promptSuperseded(Prompt, by: PromptID)
  /// A prompt that never reached the citizen (a kiosk's screen was not handed over), with why. Not a rating.
  case promptNotShown(Prompt, reason: String)
  /// A press kept for honesty but flagged, never counted as a rating.
  case suspectPress(SuspectPress)
}

/// A rating the citizen made on an open prompt.
public struct Rating: Sendable, Hashable {
  /// The prompt it answers.
  public let prompt: Prompt
  /// The level chosen.
  public let level: SatisfactionLevel
  /// When the tap happened, on the monotonic clock.
  public let at: FlowInstant

  /// Makes a rating.
  public init(prompt: Prompt, level: SatisfactionLevel, at: FlowInstant) {
    self.prompt = prompt
    self.level = level
    self.at = at
  }
}

/// The reasons picked for a bad rating, recorded whenever the reasons screen closes: skipping it,
/// submitting nothing, walking away or a new prompt record it with no codes.
public struct RatingReasons: Sendable, Hashable {
  /// The prompt whose rating these reasons explain.
  public let prompt: Prompt
  /// The level of that rating.
  public let level: SatisfactionLevel
  /// The codes ticked, in checklist order.
  public let codes: [String]
  /// The checklist version the codes belong to.
  public let checklistVersion: String
  /// How the screen closed.
  public let closing: ReasonsClosing

  /// Makes a reasons record.
  public init(
    prompt: Prompt, level: SatisfactionLevel, codes: [String], checklistVersion: String,
    closing: ReasonsClosing = .submitted
  ) {
    self.prompt = prompt
    self.level = level
    self.codes = codes
    self.checklistVersion = checklistVersion
    self.closing = closing
  }
}

/// A press on a level button that does not count as a rating, kept and flagged.
public struct SuspectPress: Sendable, Hashable {
  /// Why it is suspect.
  public let reason: SuspectReason
  /// The button pressed.
  public let level: SatisfactionLevel
  /// The prompt open (or last rated) at the time, if any.
  public let prompt: Prompt?
  /// When it happened.
  public let at: FlowInstant

  /// Makes a suspect press.
  public init(reason: SuspectReason, level: SatisfactionLevel, prompt: Prompt?, at: FlowInstant) {
    self.reason = reason
    self.level = level
    self.prompt = prompt
    self.at = at
  }
}
