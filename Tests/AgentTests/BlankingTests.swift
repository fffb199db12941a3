import Logging
import RatingFlow
import RatingModel
import Screen
import Testing

import Agent

@Suite struct Blanking {
  func presenter(_ display: Display) -> ScreenPresenter {
    ScreenPresenter(
      display: display, language: .chinese, blankAfter: .seconds(60),
      idleCard: { IdleCard(hall: "大厅", window: "7", clerkName: "", staffNumber: "", clock: "09:30") },
      logger: Logger(label: "test"))
  }

  @Test func theIdleScreenGoesDarkAndATouchOrAPromptLightsIt() throws {
    let display = Display(memory: MemoryFrameBackend(width: 400, height: 240))
    let screens = presenter(display)
    let start = MonotonicClock.now()
    screens.update(.idle, at: start)
    #expect(!display.isDark)
    #expect(screens.nextChange(of: .idle, at: start)! <= start + .seconds(60))
    screens.update(.idle, at: start + .seconds(61))
    #expect(display.isDark && screens.isBlank)
    // The touch that wakes it is reported as such (the agent swallows it).
    #expect(screens.touched(at: start + .seconds(70)))
    #expect(!display.isDark)
    #expect(!screens.touched(at: start + .seconds(71)), "a touch on a lit panel is an ordinary touch")
    screens.update(.idle, at: start + .seconds(72))
    #expect(display.shownContent.map { if case .idle = $0 { true } else { false } } == true)
  }

  @Test func aPromptNeverLetsItGoDarkAndWakesIt() throws {
    let display = Display(memory: MemoryFrameBackend(width: 400, height: 240))
    let screens = presenter(display)
    let start = MonotonicClock.now()
    screens.update(.idle, at: start)
    screens.update(.idle, at: start + .seconds(61))
    #expect(display.isDark)
    screens.update(.thanks(until: start + .seconds(300)), at: start + .seconds(62))
    #expect(!display.isDark)
    #expect(display.shownContent == .thanks)
    screens.update(.thanks(until: start + .seconds(300)), at: start + .seconds(200))
    #expect(!display.isDark, "only the idle screen goes dark")
  }
}
