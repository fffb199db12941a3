import Logging
import RatingFlow
import Screen
import Testing

@testable import Agent

@Suite struct Blanking {
  func presenter(_ display: MemoryDisplay) -> ScreenPresenter {
    ScreenPresenter(
      display: display, language: .chinese, blankAfter: .seconds(60),
      idleCard: { IdleCard(hall: "大厅", window: "7", clerkName: "", staffNumber: "", clock: "09:30") },
      logger: Logger(label: "test"))
  }

  @Test func theIdleScreenGoesDarkAndATouchOrAPromptLightsIt() throws {
    let display = MemoryDisplay(backend: MemoryFrameBackend(width: 400, height: 240))
    let screens = presenter(display)
    let start = MonotonicClock.now()
    screens.update(.idle, at: start)
    #expect(!display.isBlank)
    #expect(screens.nextChange(of: .idle, at: start)! <= start + .seconds(60))
    screens.update(.idle, at: start + .seconds(61))
    #expect(display.isBlank && screens.isBlank)
    // The touch that wakes it is reported as such (the agent swallows it).
    #expect(screens.touched(at: start + .seconds(70)))
    #expect(!display.isBlank)
    #expect(!screens.touched(at: start + .seconds(71)), "a touch on a lit panel is an ordinary touch")
    screens.update(.idle, at: start + .seconds(72))
    #expect(display.frames.shownContent.map { if case .idle = $0 { true } else { false } } == true)
  }

  @Test func aPromptNeverLetsItGoDarkAndWakesIt() throws {
    let display = MemoryDisplay(backend: MemoryFrameBackend(width: 400, height: 240))
    let screens = presenter(display)
    let start = MonotonicClock.now()
    screens.update(.idle, at: start)
    screens.update(.idle, at: start + .seconds(61))
    #expect(display.isBlank)
    screens.update(.thanks(until: start + .seconds(300)), at: start + .seconds(62))
    #expect(!display.isBlank)
    #expect(display.frames.shownContent == .thanks)
    screens.update(.thanks(until: start + .seconds(300)), at: start + .seconds(200))
    #expect(!display.isBlank, "only the idle screen goes dark")
  }
}
