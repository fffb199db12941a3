import RatingModel

/// Where a prompt came from, which decides what the rating is tied to.
public enum PromptSource: Sendable, Hashable {
  /// The counter business system opened it for a transaction at this window.
  case counter(Transaction)
  /// The kiosk's own transaction finished.
  case kiosk(Transaction)
  /// No transaction: a free rating, allowed only where configured, and marked as such.
  case free

  /// The transaction, when there is one.
  public var transaction: Transaction? {
    switch self {
    case .counter(let transaction), .kiosk(let transaction): transaction
    case .free: nil
    }
  }

  /// A short stored name for the source kind.
  public var kind: String {
    switch self {
    case .counter: "counter"
    case .kiosk: "kiosk"
    case .free: "free"
    }
  }
}

/// A request to rate, open on the screen from `openedAt` until it is rated, expires or is superseded.
public struct Prompt: Sendable, Hashable, Identifiable {
  /// A unique id the counter system uses to ask for the prompt's status.
  public let id: PromptID
  /// What the prompt is about.
  public let source: PromptSource
  /// When it appeared, on the flow's monotonic clock.
  public let openedAt: FlowInstant

  /// Makes a prompt.
  public init(id: PromptID, source: PromptSource, openedAt: FlowInstant) {
    self.id = id
    self.source = source
    self.openedAt = openedAt
  }
}
