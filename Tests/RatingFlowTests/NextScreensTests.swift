import RatingModel
import Testing

@testable import RatingFlow

@Suite struct NextScreens {
  var clock = FakeClock()
  var flow = RatingFlow()
  let items = ReasonChecklist.standard.items(for: .dissatisfied)

  @Test mutating func aPromptLeadsToThanksTheReasonsAndOnTimeoutExpired() throws {
    let prompt = try #require(
      try flow.open(.counter(transaction()), id: PromptID("p1"), at: clock.now).get().prompt)
    // Asked at once, before a tap would count (300 ms), the screens are those of a tap that counts.
    let next = flow.nextScreens(at: clock.now)
    // Thanks after a good level, then the reasons after each bad one.
    #expect(next.byTap.count == 3)
    guard case .thanks = next.byTap.first else { Issue.record("\(next.byTap)"); return }
    let reasons = next.byTap.dropFirst().compactMap { screen -> Rating? in
      // Each bad level offers its own national items.
      guard case .reasons(let rating, let offered, let selected, _) = screen,
        offered == ReasonChecklist.standard.items(for: rating.level), selected.isEmpty
      else { return nil }
      return rating
    }
    #expect(reasons.map(\.level) == [.dissatisfied, .veryDissatisfied])
    #expect(reasons.allSatisfy { $0.prompt == prompt })
    guard case .expired = next.byTimeout else {
      Issue.record("\(String(describing: next.byTimeout))"); return
    }
    #expect(
      flow.screen == .prompting(prompt, deadline: prompt.openedAt + .seconds(10)),
      "the flow is left as it was")
  }

  @Test mutating func theReasonsLeadToThanksAndEachItemToggled() throws {
    _ = try flow.open(.counter(transaction()), id: PromptID("p1"), at: clock.now).get()
    _ = flow.tap(.level(.veryDissatisfied), at: clock.advance(.seconds(2)), freePromptID: nextID())
    _ = flow.tap(.reason("114"), at: clock.advance(.seconds(1)), freePromptID: nextID())
    let next = RatingFlow.screens(following: flow.screen, settings: flow.settings, at: clock.now)
    guard case .thanks = next.byTap.first else { Issue.record("\(next.byTap)"); return }
    let toggled = next.byTap.dropFirst().compactMap { screen -> [String]? in
      guard case .reasons(_, _, let selected, _) = screen else { return nil }
      return selected
    }
    #expect(toggled.count == items.count)
    #expect(toggled.contains([]), "114 unticked")
    #expect(toggled.contains(["108", "114"]), "108 ticked, in checklist order")
    guard case .thanks = next.byTimeout else { Issue.record("\(String(describing: next.byTimeout))"); return }
  }

  @Test mutating func thanksLeadsOnlyToIdleAndIdleToNothingWithoutFreeRating() {
    _ = flow.tap(.level(.satisfied), at: clock.now, freePromptID: nextID())
    #expect(flow.screen == .idle)
    let idle = flow.nextScreens(at: clock.now)
    #expect(idle.byTap.isEmpty && idle.byTimeout == nil)
    let thanks = RatingFlow.screens(
      following: .thanks(until: clock.now + .seconds(3)), settings: flow.settings, at: clock.now)
    #expect(thanks.byTap.isEmpty, "a tap on the thank-you screen is a suspect press")
    #expect(thanks.byTimeout == .idle)
    let broken = RatingFlow.screens(
      following: .outOfService(fault: "E-LEDGER-WRITE"), settings: flow.settings, at: clock.now)
    #expect(broken.byTap.isEmpty && broken.byTimeout == nil)
  }

  @Test func idleWithFreeRatingLeadsToThanksAndTheReasons() {
    let flow = RatingFlow(settings: FlowSettings(freeRatingAllowed: true))
    let next = flow.nextScreens(at: FakeClock().now)
    #expect(next.byTap.count == 3)
    guard case .thanks = next.byTap.first, case .reasons = next.byTap.last else {
      Issue.record("\(next.byTap)"); return
    }
  }
}
