/// What a province's reply said about one rating.
public enum ProvinceAnswer: Sendable, Equatable {
  /// Stored; the province's id for it, when the reply gave one.
  case stored(provinceID: String?)
  /// Already stored before ("该办件已评价"): a resend after a lost answer, counted as stored.
  case duplicate(text: String)
  /// Refused, with the province's text: shown to the hall, not sent again unless an operator says.
  case refused(text: String)
  /// Not answered, or answered in a way that says "try later": sent again after a backoff.
  case transient(reason: String)

  /// Whether the province holds the rating now.
  public var isStored: Bool {
    switch self {
    case .stored, .duplicate: true
    case .refused, .transient: false
    }
  }
}
