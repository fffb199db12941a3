import Logging
import RatingFlow
import RatingModel
import Testing

@testable import Screen

@Suite struct DrawingAhead {
  let presenter = ScreenPresenter(
    display: Display(memory: MemoryFrameBackend(width: 400, height: 240)), language: .chinese,
    idleCard: { IdleCard(hall: "大厅", window: "7", clerkName: "", staffNumber: "", clock: "09:30") },
    logger: Logger(label: "test"))

  @Test func aPromptDrawsAheadItsPressedButtonsThanksTheReasonsItsNextSecondAndExpired() throws {
    let transaction = try Transaction(
      number: "T1", serviceItemCode: "11640181MB0001", serviceItemName: "户口迁移")
    let openedAt = FlowInstant(nanoseconds: 1_000_000_000_000)
    let prompt = Prompt(id: PromptID("p1"), source: .counter(transaction), openedAt: openedAt)
    let screen = FlowScreen.prompting(prompt, deadline: openedAt + .seconds(10))
    let next = presenter.following(screen, at: openedAt + .milliseconds(1500))
    let pressed = SatisfactionLevel.displayOrder.map {
      ScreenContent.prompt(serviceItem: "户口迁移", secondsLeft: 9, pressed: $0)
    }
    #expect(
      next == pressed + [
        // Each bad level has its own national items, so each its own reasons screen.
        .thanks, .reasons(items: ReasonChecklist.standard.items(for: .dissatisfied), selected: []),
        .reasons(items: ReasonChecklist.standard.items(for: .veryDissatisfied), selected: []),
        .prompt(serviceItem: "户口迁移", secondsLeft: 8, pressed: nil), .expired,
      ])
  }

  @Test func theThankYouScreenDrawsTheIdleScreenAhead() {
    let next = presenter.following(
      .thanks(until: FlowInstant(nanoseconds: 5_000_000_000)), at: .init(nanoseconds: 0))
    #expect(next.count == 1)
    guard case .idle = next.first else { Issue.record("\(next)"); return }
  }

  @Test func eachScreenIsDrawnAheadOnceThenTheTapOnlyFlips() throws {
    let display = Display(memory: MemoryFrameBackend(width: 400, height: 240))
    let presenter = ScreenPresenter(
      display: display, language: .chinese,
      idleCard: { IdleCard(hall: "大厅", window: "7", clerkName: "", staffNumber: "", clock: "09:30") },
      logger: Logger(label: "test"))
    let transaction = try Transaction(
      number: "T1", serviceItemCode: "11640181MB0001", serviceItemName: "户口迁移")
    let openedAt = FlowInstant(nanoseconds: 1_000_000_000_000)
    let prompt = Prompt(id: PromptID("p1"), source: .counter(transaction), openedAt: openedAt)
    let now = openedAt + .milliseconds(1500)
    presenter.present(.prompting(prompt, deadline: openedAt + .seconds(10)), at: now)
    while presenter.isDrawingAhead {
      presenter.present(.prompting(prompt, deadline: openedAt + .seconds(10)), at: now)
    }
    let draws = display.draws
    #expect(
      draws == 11,
      "the prompt, its five pressed buttons, thanks, the reasons of each bad level, the next second and expired"
    )
    presenter.present(.thanks(until: now + .seconds(3)), at: now)
    #expect(display.shownContent == .thanks)
    #expect(display.draws == draws)
  }
}
