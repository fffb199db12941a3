import RatingModel

/// What the citizen should see now; the screen module turns this into pixels.
public enum FlowScreen: Sendable, Hashable {
  /// Nothing to rate: the idle screen (with buttons where free rating is allowed).
  case idle
  /// A prompt is open and accepts one tap until `deadline`.
  case prompting(Prompt, deadline: FlowInstant)
  /// A bad rating was recorded; the citizen may tick reasons until `deadline`.
  case reasons(Rating, items: [ReasonItem], selected: [String], deadline: FlowInstant)
  /// The rating is on disk: thank the citizen until `until`.
  case thanks(until: FlowInstant)
  /// The prompt closed unrated; say so until `until`.
  case expired(until: FlowInstant)
  /// The device cannot accept ratings (e.g. its disk is full); `fault` tells the technician why.
  case outOfService(fault: String)

  /// When this screen changes by itself, if it does.
  public var deadline: FlowInstant? {
    switch self {
    case .prompting(_, let deadline), .reasons(_, _, _, let deadline): deadline
    case .thanks(let until), .expired(let until): until
    case .idle, .outOfService: nil
    }
  }
}

/// Why the flow refused to open a prompt.
public enum PromptRefusal: Error, Equatable, Sendable, CustomStringConvertible {
  /// 该办件已评价,无需重复评价: this transaction (at this stage) is already rated.
  case alreadyRated(RatingKey)
  /// A prompt without a transaction was asked for, but free rating is off here.
  case freeRatingNotAllowed
  /// The device is out of service and accepts no prompts.
  case outOfService(fault: String)

  public var description: String {
    switch self {
    case .alreadyRated(let key):
      "transaction \(key.transactionNumber) (\(key.stage.rawValue)) is already rated (该办件已评价,无需重复评价)"
    case .freeRatingNotAllowed:
      "a prompt without a transaction needs free rating, which is off on this device"
    case .outOfService(let fault):
      "the device is out of service (\(fault)) and accepts no prompts"
    }
  }
}
