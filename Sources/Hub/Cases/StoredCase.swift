/// A case as the store holds it, without opening the applicant's identity: what the case API
/// shows.
public struct StoredCase: Sendable, Equatable {
  /// The case; its applicant's identity is nil here, held or not.
  public var details: CaseDetails
  /// Whether the hub still holds the applicant's sealed identity.
  public var identityHeld: Bool
  /// When the case first arrived, ms.
  public var receivedMilliseconds: Int64
  /// When it was last replaced, ms.
  public var updatedMilliseconds: Int64
  /// When the identity is (or was) forgotten: the forward's acknowledgement plus the retention;
  /// nil until the forward was acknowledged.
  public var forgetAfterMilliseconds: Int64?
}
