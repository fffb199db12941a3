import RatingModel
import Testing

@testable import Screen

@Suite struct PreDrawnFrames {
  let prompt = ScreenContent.prompt(serviceItem: "户口迁移", secondsLeft: 8, pressed: nil)
  let reasons = ScreenContent.reasons(items: ReasonChecklist.standard.items(for: .dissatisfied), selected: [])
  let painter = Painter()

  @Test func aContentPresentedTwiceIsDrawnOnce() throws {
    let backend = MemoryFrameBackend(width: 800, height: 480)
    let cache = Display(memory: backend)
    try cache.present(prompt, painter: painter)
    try cache.present(.thanks, painter: painter)
    try cache.present(prompt, painter: painter)
    try cache.present(.thanks, painter: painter)
    #expect(cache.draws == 2)
    #expect(backend.scanOuts == 4)
    #expect(cache.shownContent == .thanks)
  }

  @Test func presentingAPreDrawnContentDrawsNothing() throws {
    let backend = MemoryFrameBackend(width: 800, height: 480)
    let cache = Display(memory: backend)
    try cache.present(prompt, painter: painter)
    #expect(try cache.prepare(.thanks, painter: painter) == .drawn)
    #expect(try cache.prepare(.thanks, painter: painter) == .alreadyDrawn)
    #expect(cache.draws == 2)
    try cache.present(.thanks, painter: painter)
    #expect(cache.draws == 2)
    #expect(backend.scanOuts == 2)
    #expect(cache.shownContent == .thanks)
  }

  @Test func theCacheEvictsButNeverTheShownOrPendingBuffer() throws {
    let backend = MemoryFrameBackend(width: 400, height: 240)
    backend.holdsFlips = true
    let cache = Display(memory: backend, capacity: 3)
    try cache.present(prompt, painter: painter)
    backend.completeFlip()
    try cache.handleEvents()
    try cache.present(.thanks, painter: painter)
    // The flip to thanks is pending: the prompt is still scanned out, thanks is on its way.
    #expect(backend.flipPending)
    #expect(try cache.prepare(.expired, painter: painter) == .drawn)
    #expect(try cache.prepare(reasons, painter: painter) == .drawn)
    #expect(cache.bufferCount == 3)
    #expect(cache.isDrawn(prompt) && cache.isDrawn(.thanks) && cache.isDrawn(reasons))
    #expect(!cache.isDrawn(.expired))
    // The only buffer not in use holds a content asked to be kept: no room.
    #expect(try cache.prepare(.expired, painter: painter, keeping: [reasons]) == .noRoom)
    // A frame asked for during the flip waits for it, and its buffer is kept meanwhile.
    try cache.present(reasons, painter: painter)
    #expect(cache.shownContent == .thanks)
    #expect(try cache.prepare(.expired, painter: painter) == .noRoom)
    backend.completeFlip()
    try cache.handleEvents()
    #expect(cache.shownContent == reasons)
    #expect(backend.flipPending)
    // Now thanks is the one still scanned out and reasons the one on its way; the prompt may go.
    #expect(try cache.prepare(.expired, painter: painter) == .drawn)
    #expect(!cache.isDrawn(prompt))
    #expect(cache.isDrawn(.thanks) && cache.isDrawn(reasons) && cache.isDrawn(.expired))
    backend.completeFlip()
    try cache.handleEvents()
    // Thanks, least recently used, goes now; reasons, on the panel, never.
    #expect(try cache.prepare(prompt, painter: painter) == .drawn)
    #expect(!cache.isDrawn(.thanks))
    #expect(cache.isDrawn(reasons) && cache.isDrawn(prompt))
    #expect(cache.bufferCount == 3)
  }

  @Test(arguments: [Rotation.none, .quarter])
  func thePresentedPixelsAreThePaintersRendering(rotation: Rotation) throws {
    let backend = MemoryFrameBackend(width: 800, height: 480, rotation: rotation)
    let cache = Display(memory: backend, capacity: 2)
    // Two buffers only: every content after the second reuses one that held another screen.
    for content in [prompt, reasons, .thanks, prompt, .expired] {
      try cache.present(content, painter: painter)
      let direct = MemoryFrame(width: 800, height: 480, rotation: rotation)
      painter.paint(content, on: direct.canvas)
      #expect(backend.shownBytes == direct.bytes, "\(content)")
    }
  }

  @Test func aDeviceWithoutRoomForMoreBuffersMakesDoWithWhatItHas() throws {
    let backend = MemoryFrameBackend(width: 400, height: 240)
    backend.room = 2
    let cache = Display(memory: backend, capacity: 8)
    try cache.present(prompt, painter: painter)
    #expect(try cache.prepare(.thanks, painter: painter) == .drawn)
    #expect(try cache.prepare(.expired, painter: painter) == .drawn)
    #expect(cache.capacity == 2)
    #expect(cache.isDrawn(prompt) && !cache.isDrawn(.thanks))
    try cache.present(.expired, painter: painter)
    #expect(cache.draws == 3)
  }

  @Test func aOneOffFrameIsShownButNotKept() throws {
    let backend = MemoryFrameBackend(width: 400, height: 240)
    let cache = Display(memory: backend)
    try cache.present(.thanks, painter: painter)
    try cache.show { canvas in painter.paint(.expired, on: canvas) }
    #expect(cache.shownContent == nil)
    #expect(!cache.isDrawn(.expired))
    try cache.present(.thanks, painter: painter)
    #expect(cache.draws == 2)
  }

  @Test func aMemoryDisplayShowsTheFrameThatWaitedForAFlip() throws {
    let backend = MemoryFrameBackend(width: 400, height: 240)
    backend.holdsFlips = true
    let display = Display(memory: backend)
    try display.present(prompt, painter: painter)
    try display.present(.thanks, painter: painter)
    try display.present(.expired, painter: painter)
    #expect(display.shownContent == prompt)
    backend.completeFlip()
    try display.handleEvents()
    #expect(display.shownContent == .expired)
    #expect(display.draws == 2)
  }
}

@Suite struct StuckFlips {
  @Test func aFlipThatNeverCompletesIsGivenUpAndTheWaitingFrameGoesUp() throws {
    let backend = MemoryFrameBackend(width: 400, height: 240)
    backend.holdsFlips = true
    let cache = Display(memory: backend)
    let painter = Painter()
    try cache.present(.thanks, painter: painter)
    try cache.present(.expired, painter: painter)  // waits for the flip to .thanks
    #expect(cache.shownContent == .thanks)
    #expect(try cache.recoverStuckFlip(after: .seconds(60)) == false, "not stuck yet")
    #expect(try cache.recoverStuckFlip(after: .zero) == true)
    #expect(cache.shownContent == .expired)
    backend.completeFlip()
    try cache.handleEvents()
    #expect(try cache.recoverStuckFlip(after: .zero) == false, "nothing pending")
  }
}

@Suite struct DisplayStates {
  let prompt = ScreenContent.prompt(serviceItem: "户口迁移", secondsLeft: 8, pressed: nil)
  let painter = Painter()

  @Test func aDarkPanelShowsNothingUntilLitThenTheFrameAskedForMeanwhile() throws {
    let backend = MemoryFrameBackend(width: 400, height: 240)
    let display = Display(memory: backend)
    try display.present(prompt, painter: painter)
    #expect(display.state == .lit)
    try display.darken()
    #expect(display.state == .dark && display.isDark && display.problem == nil)
    try display.present(.thanks, painter: painter)
    #expect(display.shownContent == prompt, "nothing goes up on a dark panel")
    try display.light()
    #expect(display.state == .lit)
    #expect(display.shownContent == .thanks)
    #expect(display.presented == nil, "lit again, the content due is presented anew")
  }

  @Test func anUnpluggedPanelRefusesFramesAndIsDrawnAgainInFullOnceBack() throws {
    let backend = MemoryFrameBackend(width: 400, height: 240)
    backend.connected = true
    let display = Display(memory: backend)
    try display.present(prompt, painter: painter)
    #expect(display.reprobe() == nil, "no change")
    backend.connected = false
    #expect(display.reprobe() == false)
    #expect(display.state == .disconnected)
    #expect(display.problem?.contains("disconnected") == true)
    #expect(throws: ScreenError.self) { try display.present(.thanks, painter: painter) }
    #expect(!display.isDrawingAhead)
    backend.connected = true
    #expect(display.reprobe() == true)
    #expect(display.state == .unlit && display.problem == nil)
    #expect(!display.isDrawn(prompt))
    try display.present(prompt, painter: painter)
    #expect(display.draws == 2)
    #expect(display.state == .lit)
  }

  @Test func aCommandWithoutAnEventLoopAwaitsThePendingFlip() throws {
    let backend = MemoryFrameBackend(width: 400, height: 240)
    backend.holdsFlips = true
    let display = Display(memory: backend)
    try display.show { painter.paint(.thanks, on: $0) }
    guard case .flipPending = display.state else { Issue.record("\(display.state)"); return }
    try display.awaitFlip(timeout: .zero)
    guard case .flipPending = display.state else {
      Issue.record("no flip event yet: \(display.state)"); return
    }
    backend.completeFlip()
    try display.awaitFlip(timeout: .zero)
    #expect(display.state == .lit)
  }

  @Test func aContentPresentedIsFollowedByTheOnesDrawnAhead() throws {
    let backend = MemoryFrameBackend(width: 400, height: 240)
    let display = Display(memory: backend)
    try display.present(prompt, painter: painter)
    display.drawAhead([.thanks, prompt, .expired])
    #expect(display.isDrawingAhead)
    try display.drawAhead(painter: painter)
    #expect(display.isDrawn(.thanks) && !display.isDrawn(.expired))
    try display.drawAhead(painter: painter)
    #expect(display.isDrawn(.expired))
    #expect(!display.isDrawingAhead)
    #expect(display.draws == 3, "the content shown is never drawn again ahead")
  }
}
