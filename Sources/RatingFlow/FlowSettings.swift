import RatingModel

/// The tunable rules of the flow; every timeout is configurable per deployment.
public struct FlowSettings: Sendable, Hashable {
  /// How long a prompt accepts a rating before it closes unrated (commercial pads: often 10 s).
  public var promptTimeout: Duration
  /// How long the reasons checklist waits for the citizen; each tick of an item restarts it.
  public var reasonsTimeout: Duration
  /// How long the thank-you screen stays.
  public var thanksDuration: Duration
  /// How long the "time is up" screen stays.
  public var expiredDuration: Duration
  /// A tap sooner than this after a prompt appeared is faster than a person reads: suspect.
  public var minimumReadTime: Duration
  /// Taps on level buttons closer together than this window form a burst …
  public var burstWindow: Duration
  /// … once this many of them fall inside it.
  public var burstCount: Int
  /// Whether a tap with no open prompt is a free rating (a pad at the hall exit) or suspect.
  public var freeRatingAllowed: Bool
  /// The reasons offered after a bad rating.
  public var checklist: ReasonChecklist

  /// The defaults: 10 s prompts, 30 s for reasons, 300 ms reading time, 3 taps within 1 s a burst.
  public init(
    promptTimeout: Duration = .seconds(10), reasonsTimeout: Duration = .seconds(30),
    thanksDuration: Duration = .seconds(3), expiredDuration: Duration = .seconds(3),
    minimumReadTime: Duration = .milliseconds(300), burstWindow: Duration = .seconds(1),
    burstCount: Int = 3, freeRatingAllowed: Bool = false, checklist: ReasonChecklist = .standard
  ) {
    self.promptTimeout = promptTimeout
    self.reasonsTimeout = reasonsTimeout
    self.thanksDuration = thanksDuration
    self.expiredDuration = expiredDuration
    self.minimumReadTime = minimumReadTime
    self.burstWindow = burstWindow
    self.burstCount = burstCount
    self.freeRatingAllowed = freeRatingAllowed
    self.checklist = checklist
  }
}
