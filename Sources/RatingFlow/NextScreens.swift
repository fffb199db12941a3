import RatingModel

/// The screens one event can lead to from the one shown: what the display draws ahead.
public struct NextScreens: Sendable, Hashable {
  /// After a tap, one per target that changes the screen, most urgent first (a rating first).
  public let byTap: [FlowScreen]
  /// After the screen's own timeout, if it has one.
  public let byTimeout: FlowScreen?
}

extension RatingFlow {
  /// The screens one tap or the timeout can lead to from `screen` at `now`, worked out by
  /// advancing copies of a flow showing it; the flow's rules stay in the flow.
  ///
  /// The copies have no history (recent taps, the last rating): history only decides whether a
  /// press is suspect, and a suspect press leaves the screen as it was.
  public static func screens(following screen: FlowScreen, settings: FlowSettings, at now: FlowInstant)
    -> NextScreens
  {
    var flow = RatingFlow(settings: settings)
    flow.screen = screen
    return flow.nextScreens(at: now)
  }

  /// The screens one tap or the timeout can lead to from this flow's screen at `now`; this flow
  /// is left as it is.
  public func nextScreens(at now: FlowInstant) -> NextScreens {
    // A level tapped sooner than a person reads is only a suspect press: try the taps once one counts.
    var tapTime = now
    if case .prompting(let prompt, _) = screen {
      tapTime = max(now, prompt.openedAt + settings.minimumReadTime)
    }
    var byTap: [FlowScreen] = []
    if screen.deadline.map({ tapTime < $0 }) ?? true {
      for target in tapTargets {
        var copy = self
        _ = copy.tap(target, at: tapTime, freePromptID: PromptID("next-screens"))
        if copy.screen != screen && !byTap.contains(copy.screen) { byTap.append(copy.screen) }
      }
    }
    var byTimeout: FlowScreen?
    if let deadline = screen.deadline {
      var copy = self
      _ = copy.advance(to: deadline)
      byTimeout = copy.screen
    }
    return NextScreens(byTap: byTap, byTimeout: byTimeout)
  }

  /// Every target a tap can land on now: the level buttons, then the reasons screen's buttons and items.
  private var tapTargets: [TapTarget] {
    var targets = SatisfactionLevel.displayOrder.map(TapTarget.level) + [.submitReasons, .skipReasons]
    if case .reasons(_, let items, _, _) = screen { targets += items.map { .reason($0.code) } }
    return targets
  }
}
