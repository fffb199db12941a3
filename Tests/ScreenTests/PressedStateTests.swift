import Logging
import RatingFlow
import RatingModel
import Testing

@testable import Screen

/// The pressed button on the prompt: drawn ahead with the prompt, shown at touch-down with a page
/// flip and no drawing, and gone when the finger slides off.
@Suite struct PressedState {
  let backend = MemoryFrameBackend(width: 400, height: 240)
  let display: Display
  let presenter: ScreenPresenter
  let openedAt = FlowInstant(nanoseconds: 1_000_000_000_000)
  let screen: FlowScreen

  init() throws {
    display = Display(memory: backend)
    presenter = ScreenPresenter(
      display: display, language: .chinese,
      idleCard: { IdleCard(hall: "大厅", window: "7", clerkName: "", staffNumber: "", clock: "09:30") },
      logger: Logger(label: "test"))
    let transaction = try Transaction(
      number: "T1", serviceItemCode: "11640181MB0001", serviceItemName: "户口迁移")
    let prompt = Prompt(id: PromptID("p1"), source: .counter(transaction), openedAt: openedAt)
    screen = .prompting(prompt, deadline: openedAt + .seconds(10))
  }

  func showPromptAndDrawAhead(at now: FlowInstant) {
    presenter.present(screen, at: now)
    while presenter.isDrawingAhead { presenter.present(screen, at: now) }
  }

  @Test func touchDownFlipsToThePressedButtonWithoutDrawing() {
    let now = openedAt + .milliseconds(1500)
    showPromptAndDrawAhead(at: now)
    let draws = display.draws
    let flips = backend.scanOuts
    presenter.press(.level(.dissatisfied), on: screen, at: now)
    #expect(display.shownContent == .prompt(serviceItem: "户口迁移", secondsLeft: 9, pressed: .dissatisfied))
    #expect(display.draws == draws, "the pressed frame was drawn ahead: touch-down only flips")
    #expect(backend.scanOuts == flips + 1)
  }

  @Test func slidingOffFlipsBackToTheUnpressedPromptWithoutDrawing() {
    let now = openedAt + .milliseconds(1500)
    showPromptAndDrawAhead(at: now)
    presenter.press(.level(.verySatisfied), on: screen, at: now)
    while presenter.isDrawingAhead { presenter.present(screen, at: now) }
    let draws = display.draws
    presenter.press(nil, on: screen, at: now)
    #expect(display.shownContent == .prompt(serviceItem: "户口迁移", secondsLeft: 9, pressed: nil))
    #expect(display.draws == draws)
  }

  @Test func thePressedFrameIsTheOneThePainterDraws() throws {
    let now = openedAt + .milliseconds(1500)
    showPromptAndDrawAhead(at: now)
    presenter.press(.level(.satisfied), on: screen, at: now)
    let expected = MemoryFrame(width: 400, height: 240)
    Painter().paint(.prompt(serviceItem: "户口迁移", secondsLeft: 9, pressed: .satisfied), on: expected.canvas)
    let unpressed = MemoryFrame(width: 400, height: 240)
    Painter().paint(.prompt(serviceItem: "户口迁移", secondsLeft: 9, pressed: nil), on: unpressed.canvas)
    let shown = try #require(backend.shownBytes)
    #expect(shown == expected.bytes)
    #expect(shown != unpressed.bytes, "the pressed button differs from the unpressed one")
  }

  @Test func aHeldButtonStaysPressedAcrossTheCountdownsNextSecond() {
    let now = openedAt + .milliseconds(1500)
    showPromptAndDrawAhead(at: now)
    presenter.press(.level(.basicallySatisfied), on: screen, at: now)
    presenter.present(screen, at: openedAt + .milliseconds(2100))
    #expect(
      display.shownContent == .prompt(serviceItem: "户口迁移", secondsLeft: 8, pressed: .basicallySatisfied))
  }

  @Test func aPressOffThePromptShowsNothingNew() {
    let now = openedAt
    presenter.present(.idle, at: now)
    let flips = backend.scanOuts
    presenter.press(.level(.satisfied), on: .idle, at: now)
    #expect(backend.scanOuts == flips)
    presenter.press(.submitReasons, on: .idle, at: now)
    #expect(presenter.pressedLevel == nil, "only the prompt's level buttons show pressed")
  }

  @Test func withAFingerDownTheLiftsScreensComeFirst() {
    let now = openedAt + .milliseconds(1500)
    presenter.press(.level(.satisfied), on: screen, at: now)
    let next = presenter.following(screen, at: now)
    #expect(next.first == .thanks)
    #expect(next.contains(.prompt(serviceItem: "户口迁移", secondsLeft: 9, pressed: nil)), "a slide off")
  }
}
