import RatingModel

/// A bad rating as the follow-up pages show it: the rating's own fields (never altered) and its
/// follow-up folded from the recorded actions.
public struct FollowUpRating: Sendable {
  /// The rating record's uuid: the key of its follow-up (`/followups/{uuid}`).
  public var uuid: String
  /// The pad's key fingerprint, and the name the hub enrolled it under.
  public var device: String
  public var deviceName: String
  /// The hall, from the pad's card.
  public var hall: String
  /// The transaction's window, else the pad's.
  public var window: String
  /// The clerk's 工号.
  public var staffNumber: String
  /// The transaction's department (what a department head's view is limited to).
  public var department: String
  public var serviceItemCode: String
  /// 办件编号, if the rating had a transaction.
  public var transactionNumber: String
  public var level: SatisfactionLevel
  /// The hub's time of the rating, milliseconds since the epoch.
  public var wallMilliseconds: Int64
  /// How that time stands (a pad's clock may have been unknown).
  public var clock: ClockCorrection.Standing
  /// The reason codes the citizen picked (empty: none given).
  public var reasons: [String]
  /// The follow-up.
  public var followUp: FollowUpCase
}
