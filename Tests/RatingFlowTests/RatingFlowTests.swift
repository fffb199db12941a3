import RatingModel
import Testing

@testable import RatingFlow

@Suite struct PromptTransitions {
  var clock = FakeClock()
  var flow = RatingFlow()

  @Test mutating func idlePromptRatedThanksIdle() throws {
    let step = try flow.open(.counter(transaction()), id: PromptID("p1"), at: clock.now).get()
    #expect(step.records.isEmpty)
    #expect(flow.openPrompt?.id == PromptID("p1"))
    let tap = flow.tap(.level(.verySatisfied), at: clock.advance(.seconds(2)), freePromptID: nextID())
    #expect(tap.records.count == 1)
    let rating = try #require(tap.records.first?.rating)
    #expect(rating.level == .verySatisfied)
    #expect(rating.prompt.id == PromptID("p1"))
    guard case .thanks(let until) = flow.screen else {
      Issue.record("expected thanks, got \(flow.screen)"); return
    }
    #expect(until == clock.now + .seconds(3))
    #expect(flow.advance(to: clock.advance(.milliseconds(2999))).isEmpty)
    #expect(flow.screen != .idle)
    _ = flow.advance(to: clock.advance(.milliseconds(1)))
    #expect(flow.screen == .idle)
  }

  @Test mutating func promptExpiresExactlyAtItsTimeout() throws {
    let prompt = try #require(
      try flow.open(.counter(transaction()), id: PromptID("p1"), at: clock.now).get().prompt)
    // One nanosecond before the deadline the prompt is still open and a tap counts.
    var early = flow
    let justInTime = early.tap(
      .level(.satisfied), at: prompt.openedAt + (.seconds(10) - .nanoseconds(1)), freePromptID: nextID())
    #expect(justInTime.records.first?.rating?.level == .satisfied)
    // At the deadline it has expired: the expiry is recorded and the tap is no rating.
    let late = flow.tap(.level(.satisfied), at: prompt.openedAt + .seconds(10), freePromptID: nextID())
    #expect(late.records.count == 2)
    #expect(late.records.first == .promptExpired(prompt))
    #expect(late.records.last?.suspect?.reason == .noPrompt)
    #expect(late.records.allSatisfy { $0.rating == nil })
  }

  @Test mutating func expiryByTimerShowsExpiredThenIdle() throws {
    let prompt = try #require(
      try flow.open(.counter(transaction()), id: PromptID("p1"), at: clock.now).get().prompt)
    #expect(flow.nextDeadline == prompt.openedAt + .seconds(10))
    #expect(flow.advance(to: clock.advance(.seconds(10))) == [.promptExpired(prompt)])
    #expect(flow.screen == .expired(until: clock.now + .seconds(3)))
    _ = flow.advance(to: clock.advance(.seconds(3)))
    #expect(flow.screen == .idle)
    #expect(flow.nextDeadline == nil)
  }

  @Test mutating func newPromptSupersedesTheOpenOne() throws {
    let first = try #require(
      try flow.open(.counter(transaction("A-1")), id: PromptID("p1"), at: clock.now).get().prompt)
    let step = try flow.open(.counter(transaction("A-2")), id: PromptID("p2"), at: clock.advance(.seconds(1)))
      .get()
    #expect(step.records == [.promptSuperseded(first, by: PromptID("p2"))])
    #expect(flow.openPrompt?.id == PromptID("p2"))
    // The superseded prompt is never a rating; the new one gets a full timeout of its own.
    #expect(flow.nextDeadline == clock.now + .seconds(10))
  }

  @Test mutating func reopeningTheOpenTransactionIsIdempotent() throws {
    _ = try flow.open(.counter(transaction("A-1")), id: PromptID("p1"), at: clock.now).get()
    let again = try flow.open(
      .counter(transaction("A-1")), id: PromptID("p9"), at: clock.advance(.seconds(1))
    ).get()
    #expect(again.records.isEmpty)
    #expect(again.prompt?.id == PromptID("p1"))
  }

  @Test mutating func aRatedTransactionIsRefused() throws {
    _ = try flow.open(.counter(transaction("A-1")), id: PromptID("p1"), at: clock.now).get()
    _ = flow.tap(.level(.satisfied), at: clock.advance(.seconds(1)), freePromptID: nextID())
    let again = flow.open(.counter(transaction("A-1")), id: PromptID("p2"), at: clock.advance(.seconds(5)))
    #expect(again == .failure(.alreadyRated(RatingKey(transactionNumber: "A-1", stage: .finished))))
    // The other stage of the same transaction is a separate occasion to rate.
    #expect(throws: Never.self) {
      try flow.open(.counter(transaction("A-1", stage: .accepted)), id: PromptID("p3"), at: clock.now).get()
    }
  }

  @Test mutating func aTransactionRatedBeforeARestartIsRefused() {
    let result = flow.open(.counter(transaction("OLD")), id: PromptID("p1"), at: clock.now) {
      $0.transactionNumber == "OLD"
    }
    #expect(result == .failure(.alreadyRated(RatingKey(transactionNumber: "OLD", stage: .finished))))
    #expect(flow.screen == .idle)
  }

  @Test mutating func freePromptsNeedFreeRating() {
    #expect(flow.open(.free, id: PromptID("p1"), at: clock.now) == .failure(.freeRatingNotAllowed))
  }

  @Test mutating func kioskPromptRatesLikeACounterPrompt() throws {
    _ = try flow.open(.kiosk(transaction("K-1")), id: PromptID("k1"), at: clock.now).get()
    let tap = flow.tap(.level(.basicallySatisfied), at: clock.advance(.seconds(1)), freePromptID: nextID())
    let rating = try #require(tap.records.first?.rating)
    #expect(rating.prompt.source == .kiosk(transaction("K-1")))
  }

  @Test mutating func aPromptNeverShownClosesUnratedWithItsReasonAndTheTransactionMayBeAskedAgain() throws {
    let prompt = try #require(
      try flow.open(.kiosk(transaction("K-2")), id: PromptID("k2"), at: clock.now).get().prompt)
    let why = "the kiosk's display server kept the screen"
    #expect(
      flow.promptNotShown(why, at: clock.advance(.seconds(5))) == [.promptNotShown(prompt, reason: why)])
    #expect(flow.screen == .idle)
    #expect(flow.nextDeadline == nil)
    // Nothing is open now: a second report records nothing, and the same transaction may open again.
    #expect(flow.promptNotShown(why, at: clock.advance(.seconds(1))).isEmpty)
    #expect(
      try flow.open(.kiosk(transaction("K-2")), id: PromptID("k3"), at: clock.now).get().prompt?.id
        == PromptID("k3"))
  }

  @Test mutating func aPromptAlreadyRatedIsNotClosedAsNotShown() throws {
    _ = try flow.open(.kiosk(transaction("K-4")), id: PromptID("k4"), at: clock.now).get()
    _ = flow.tap(.level(.satisfied), at: clock.advance(.seconds(1)), freePromptID: nextID())
    #expect(flow.promptNotShown("late", at: clock.advance(.milliseconds(10))).isEmpty)
    guard case .thanks = flow.screen else { Issue.record("expected thanks, got \(flow.screen)"); return }
  }
}

@Suite struct SuspectPresses {
  var clock = FakeClock()
  var flow = RatingFlow()

  @Test mutating func tapWithNoPromptIsSuspect() {
    let step = flow.tap(.level(.veryDissatisfied), at: clock.now, freePromptID: nextID())
    #expect(step.records.count == 1)
    let press = step.records.first?.suspect
    #expect(press?.reason == .noPrompt)
    #expect(press?.level == .veryDissatisfied)
    #expect(flow.screen == .idle)
  }

  @Test mutating func tapFasterThanAPersonReadsIsSuspectAndThePromptStaysOpen() throws {
    let prompt = try #require(
      try flow.open(.counter(transaction()), id: PromptID("p1"), at: clock.now).get().prompt)
    let tooSoon = flow.tap(
      .level(.verySatisfied), at: clock.advance(.milliseconds(299)), freePromptID: nextID())
    #expect(tooSoon.records.first?.suspect?.reason == .tooSoon)
    #expect(flow.openPrompt == prompt)
    // At exactly the reading time a tap counts.
    let onTime = flow.tap(
      .level(.satisfied), at: prompt.openedAt + .milliseconds(300), freePromptID: nextID())
    #expect(onTime.records.first?.rating?.level == .satisfied)
  }

  @Test mutating func doubleTapRecordsOneRatingAndOneSuspectPress() throws {
    _ = try flow.open(.counter(transaction()), id: PromptID("p1"), at: clock.now).get()
    let first = flow.tap(.level(.satisfied), at: clock.advance(.seconds(2)), freePromptID: nextID())
    let second = flow.tap(.level(.satisfied), at: clock.advance(.milliseconds(120)), freePromptID: nextID())
    #expect(first.records.compactMap(\.rating).count == 1)
    #expect(second.records.compactMap(\.rating).isEmpty)
    #expect(second.records.first?.suspect?.reason == .afterRating)
    #expect(second.records.first?.suspect?.prompt?.id == PromptID("p1"))
  }

  @Test mutating func aBurstOfTapsOnAnOpenPromptIsSuspect() throws {
    // Hammering the buttons before and after the prompt opens: none of the burst is a rating.
    _ = flow.tap(.level(.veryDissatisfied), at: clock.now, freePromptID: nextID())
    _ = flow.tap(.level(.veryDissatisfied), at: clock.advance(.milliseconds(50)), freePromptID: nextID())
    _ = try flow.open(.counter(transaction()), id: PromptID("p1"), at: clock.advance(.milliseconds(50))).get()
    let third = flow.tap(
      .level(.veryDissatisfied), at: clock.advance(.milliseconds(350)), freePromptID: nextID())
    let fourth = flow.tap(
      .level(.veryDissatisfied), at: clock.advance(.milliseconds(100)), freePromptID: nextID())
    #expect(third.records.map(\.suspect?.reason) == [.burst])
    #expect(fourth.records.map(\.suspect?.reason) == [.burst])
    #expect(flow.openPrompt != nil)
    // Once the hammering stops, a deliberate tap counts.
    let calm = flow.tap(.level(.satisfied), at: clock.advance(.seconds(2)), freePromptID: nextID())
    #expect(calm.records.first?.rating?.level == .satisfied)
  }

  @Test func freeRatingWhenAllowed() throws {
    var flow = RatingFlow(settings: FlowSettings(freeRatingAllowed: true))
    let step = flow.tap(.level(.satisfied), at: FlowInstant(nanoseconds: 5), freePromptID: PromptID("free-1"))
    let rating = try #require(step.records.first?.rating)
    #expect(rating.prompt.source == .free)
    #expect(rating.prompt.id == PromptID("free-1"))
  }
}

@Suite struct Reasons {
  var clock = FakeClock()
  var flow = RatingFlow()

  mutating func rateBadly(_ level: SatisfactionLevel = .dissatisfied) throws -> Rating {
    _ = try flow.open(.counter(transaction()), id: PromptID("p1"), at: clock.now).get()
    let step = flow.tap(.level(level), at: clock.advance(.seconds(2)), freePromptID: nextID())
    return try #require(step.records.first?.rating)
  }

  @Test mutating func aBadRatingIsRecordedBeforeTheReasonsAreAsked() throws {
    let rating = try rateBadly(.veryDissatisfied)
    guard case .reasons(let shown, let items, let selected, _) = flow.screen else {
      Issue.record("expected the reasons screen, got \(flow.screen)")
      return
    }
    #expect(shown == rating)
    #expect(items == ReasonChecklist.standard.items(for: .veryDissatisfied))
    #expect(selected.isEmpty)
  }

  @Test mutating func submittedReasonsAreRecordedInChecklistOrder() throws {
    let rating = try rateBadly()
    _ = flow.tap(.reason("214"), at: clock.advance(.seconds(1)), freePromptID: nextID())
    _ = flow.tap(.reason("207"), at: clock.advance(.seconds(1)), freePromptID: nextID())
    _ = flow.tap(.reason("210"), at: clock.advance(.seconds(1)), freePromptID: nextID())
    _ = flow.tap(.reason("210"), at: clock.advance(.seconds(1)), freePromptID: nextID())
    // Not offered after 不满意: a code of the other bad level, a retired one, an unknown one.
    for code in ["108", "204", "no-such-code"] {
      _ = flow.tap(.reason(code), at: clock.advance(.seconds(1)), freePromptID: nextID())
    }
    let submit = flow.tap(.submitReasons, at: clock.advance(.seconds(1)), freePromptID: nextID())
    #expect(
      submit.records == [
        .reasons(
          RatingReasons(
            prompt: rating.prompt, level: .dissatisfied, codes: ["207", "214"],
            checklistVersion: "national-2"))
      ])
    #expect(flow.screen == .thanks(until: clock.now + .seconds(3)))
  }

  /// Every way the checklist closes without a reason records that, with how, before the thanks.
  @Test mutating func skippingKeepsTheRatingAndRecordsNoReasons() throws {
    let rating = try rateBadly()
    _ = flow.tap(.reason("213"), at: clock.advance(.seconds(1)), freePromptID: nextID())
    let skip = flow.tap(.skipReasons, at: clock.advance(.seconds(1)), freePromptID: nextID())
    #expect(skip.records == [.reasons(noReasons(rating, .skipped))])
    #expect(flow.screen == .thanks(until: clock.now + .seconds(3)))
  }

  @Test mutating func submittingNothingTickedRecordsNoReasons() throws {
    let rating = try rateBadly(.veryDissatisfied)
    _ = flow.tap(.reason("113"), at: clock.advance(.seconds(1)), freePromptID: nextID())
    _ = flow.tap(.reason("113"), at: clock.advance(.seconds(1)), freePromptID: nextID())
    let submit = flow.tap(.submitReasons, at: clock.advance(.seconds(1)), freePromptID: nextID())
    #expect(submit.records == [.reasons(noReasons(rating, .submitted))])
    #expect(submit.records.first?.reasonsRecord?.codes == [])
    #expect(flow.screen == .thanks(until: clock.now + .seconds(3)))
  }

  @Test mutating func walkingAwayFromTheChecklistRecordsNoReasons() throws {
    let rating = try rateBadly()
    _ = flow.tap(.reason("209"), at: clock.advance(.seconds(20)), freePromptID: nextID())
    // Ticking an item restarts the 30 s wait.
    #expect(flow.advance(to: clock.advance(.seconds(29))).isEmpty)
    guard case .reasons = flow.screen else { Issue.record("reasons closed too early"); return }
    // The tick was never submitted, so it is not given.
    #expect(flow.advance(to: clock.advance(.seconds(1))) == [.reasons(noReasons(rating, .timedOut))])
    #expect(flow.screen == .thanks(until: clock.now + .seconds(3)))
    // Once closed, nothing more is recorded for it.
    #expect(flow.tap(.skipReasons, at: clock.advance(.seconds(1)), freePromptID: nextID()).records.isEmpty)
  }

  func noReasons(_ rating: Rating, _ closing: ReasonsClosing) -> RatingReasons {
    RatingReasons(
      prompt: rating.prompt, level: rating.level, codes: [], checklistVersion: "national-2", closing: closing)
  }

  @Test mutating func goodRatingsAskForNoReasons() throws {
    _ = try flow.open(.counter(transaction()), id: PromptID("p1"), at: clock.now).get()
    _ = flow.tap(.level(.basicallySatisfied), at: clock.advance(.seconds(1)), freePromptID: nextID())
    guard case .thanks = flow.screen else { Issue.record("expected thanks, got \(flow.screen)"); return }
  }

  @Test mutating func aNewPromptDuringReasonsOpensAndTheRatingStands() throws {
    let rating = try rateBadly()
    _ = flow.tap(.reason("211"), at: clock.advance(.seconds(1)), freePromptID: nextID())
    let step = try flow.open(
      .counter(transaction("NEXT")), id: PromptID("p2"), at: clock.advance(.seconds(1))
    ).get()
    #expect(step.records == [.reasons(noReasons(rating, .superseded))])
    #expect(flow.openPrompt?.id == PromptID("p2"))
    // The same transaction again is refused and closes nothing.
    var again = RatingFlow()
    _ = try again.open(.counter(transaction()), id: PromptID("a1"), at: clock.now).get()
    _ = again.tap(.level(.dissatisfied), at: clock.advance(.seconds(1)), freePromptID: nextID())
    #expect(
      again.open(.counter(transaction()), id: PromptID("a2"), at: clock.now)
        == .failure(.alreadyRated(transaction().ratingKey)))
    guard case .reasons = again.screen else { Issue.record("a refused prompt closed the reasons"); return }
  }
}

@Suite struct Faults {
  @Test func outOfServiceRefusesPromptsUntilCleared() throws {
    var flow = RatingFlow()
    flow.enterFault("E-DISK-FULL")
    #expect(
      flow.open(.counter(transaction()), id: PromptID("p1"), at: FlowInstant(nanoseconds: 1))
        == .failure(.outOfService(fault: "E-DISK-FULL")))
    #expect(
      flow.tap(.level(.satisfied), at: FlowInstant(nanoseconds: 2), freePromptID: nextID()).records.isEmpty)
    flow.clearFault()
    #expect(flow.screen == .idle)
  }
}
