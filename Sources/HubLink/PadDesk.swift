import RatingFlow
import RatingModel
import SyncProtocol

/// What the HTTP API asks of the running pad. The agent implements it on its event loop; the
/// API never touches the screen or the flow itself.
public protocol PadDesk: Sendable {
  /// Opens a prompt for a counter system's transaction.
  func openPrompt(for transaction: Transaction) async -> Result<PromptID, PromptRefusal>
  /// Whether this prompt is the one on screen now.
  func isOpen(_ prompt: PromptID) async -> Bool
  /// The state of screen and touch, and the faults raised now.
  func deviceHealth() async -> DeviceHealth
  /// Signs a clerk in: the ledger record first, then the idle card. Returns the record's seq.
  func signIn(_ clerk: ClerkSignIn) async throws -> Int64
  /// Signs the clerk out (the idle card says the window is closed). Returns the record's seq.
  func signOut() async throws -> Int64
  /// Who is on duty now.
  func clerkOnDuty() async -> ClerkState
}

/// The hardware half of the health report.
public struct DeviceHealth: Sendable, Equatable {
  /// `ok`, `headless`, or what is wrong with the display.
  public var screen: String
  /// `ok (n panels)` or `none`.
  public var touch: String
  /// Fault codes raised now.
  public var faults: [String]
  /// Whether the pad knows the wall time, and why (`ClockTrust`); nil when nobody says.
  public var clockKnown: String?

  /// Makes a report.
  public init(screen: String, touch: String, faults: [String], clockKnown: String? = nil) {
    self.screen = screen
    self.touch = touch
    self.faults = faults
    self.clockKnown = clockKnown
  }
}
