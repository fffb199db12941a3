import Logging
import RatingFlow
import Screen

/// `ratingpad bench screen`: the full redraw of every screen, and a tap's way to the page flip on
/// the pre-drawn path, and a finger's touch-down to the page flip that shows its button pressed,
/// at 1920x1080, in memory (the same presenter and frame cache as on the
/// panel, with a memory backend where DRM would issue the page-flip ioctl).
struct ScreenBenchmark {
  let width = 1920
  let height = 1080
  /// Redraws per screen.
  let rounds: Int
  /// Taps timed.
  let taps: Int

  func run() throws {
    try redraws()
    try tapToFlip()
    try touchDownToPressedFlip()
  }

  private func redraws() throws {
    let frame = MemoryFrame(width: width, height: height)
    let painter = Painter()
    let clock = ContinuousClock()
    for name in ScreenContent.sampleNames {
      let content = try ScreenContent.sample(named: name)
      // One untimed paint first: the first text of a process loads the fonts (fontconfig), once.
      painter.paint(content, on: frame.canvas)
      var times: [Duration] = []
      for _ in 0..<rounds {
        let start = clock.now
        painter.paint(content, on: frame.canvas)
        frame.canvas.flush()
        times.append(clock.now - start)
      }
      print("redraw \(name) \(width)x\(height): \(Percentiles(times))  [target p99 < 30 ms]")
    }
  }

  /// Each round: a new prompt is shown and the loop draws ahead while idle; then the tap's new
  /// screen (thanks) is handed to the presenter and the clock runs until the flip is requested.
  private func tapToFlip() throws {
    let backend = MemoryFrameBackend(width: width, height: height)
    let display = Display(memory: backend)
    let presenter = ScreenPresenter(
      display: display, language: .chinese,
      idleCard: {
        IdleCard(
          hall: "灵武市政务服务中心", window: "7", clerkName: "王芳", staffNumber: "A1024", clock: "2026-11-25 09:30")
      }, logger: Logger(label: "bench"))
    let clock = ContinuousClock()
    var flipRequested: ContinuousClock.Instant?
    backend.onScanOut = { flipRequested = clock.now }
    var times: [Duration] = []
    var drawnAtTap = 0
    let start = FlowInstant(nanoseconds: 1_000_000_000_000)
    for round in 0..<taps {
      let openedAt = start + .seconds(60 * Int64(round))
      let transaction = try Transaction(
        number: "BENCH-\(round)", serviceItemCode: "11640181MB0001", serviceItemName: "户口迁移 \(round)")
      let prompt = Prompt(id: PromptID("bench-\(round)"), source: .counter(transaction), openedAt: openedAt)
      let prompting = FlowScreen.prompting(prompt, deadline: openedAt + .seconds(10))
      let now = openedAt + .milliseconds(1500)
      presenter.present(prompting, at: now)
      while presenter.isDrawingAhead { presenter.present(prompting, at: now) }
      let draws = display.draws
      flipRequested = nil
      let tapped = clock.now
      presenter.present(.thanks(until: now + .seconds(3)), at: now)
      guard let flip = flipRequested else { throw BenchError("the thank-you screen was never flipped to") }
      times.append(flip - tapped)
      if display.draws != draws { drawnAtTap += 1 }
      presenter.present(.idle, at: now + .seconds(3))
      while presenter.isDrawingAhead { presenter.present(.idle, at: now + .seconds(3)) }
    }
    print(
      "tap to flip request (pre-drawn path, \(width)x\(height), memory backend): \(Percentiles(times))"
        + "  [target p99 < 1 ms]")
    print(
      "  \(taps) taps, \(drawnAtTap) of them drew at tap time; \(display.draws) frames drawn in all,"
        + " \(display.bufferCount) buffers")
  }
}

extension ScreenBenchmark {
  /// Each round: a new prompt is shown and the loop draws ahead while idle; then a finger goes
  /// down on one of the five buttons (in turn) and the clock runs until the pressed frame's flip is
  /// requested; the finger slides off again (the unpressed prompt) before the next round.
  fileprivate func touchDownToPressedFlip() throws {
    let backend = MemoryFrameBackend(width: width, height: height)
    let display = Display(memory: backend)
    let presenter = ScreenPresenter(
      display: display, language: .chinese,
      idleCard: {
        IdleCard(
          hall: "灵武市政务服务中心", window: "7", clerkName: "王芳", staffNumber: "A1024", clock: "2026-11-25 09:30")
      }, logger: Logger(label: "bench"))
    let clock = ContinuousClock()
    var flipRequested: ContinuousClock.Instant?
    backend.onScanOut = { flipRequested = clock.now }
    var times: [Duration] = []
    var drawnAtPress = 0
    let start = FlowInstant(nanoseconds: 1_000_000_000_000)
    let levels = SatisfactionLevel.displayOrder
    for round in 0..<taps {
      let openedAt = start + .seconds(60 * Int64(round))
      let transaction = try Transaction(
        number: "BENCH-\(round)", serviceItemCode: "11640181MB0001", serviceItemName: "户口迁移 \(round)")
      let prompt = Prompt(id: PromptID("bench-\(round)"), source: .counter(transaction), openedAt: openedAt)
      let prompting = FlowScreen.prompting(prompt, deadline: openedAt + .seconds(10))
      let now = openedAt + .milliseconds(1500)
      presenter.present(prompting, at: now)
      while presenter.isDrawingAhead { presenter.present(prompting, at: now) }
      let draws = display.draws
      flipRequested = nil
      let touched = clock.now
      presenter.press(.level(levels[round % levels.count]), on: prompting, at: now)
      guard let flip = flipRequested else { throw BenchError("the pressed button was never flipped to") }
      times.append(flip - touched)
      if display.draws != draws { drawnAtPress += 1 }
      presenter.press(nil, on: prompting, at: now)
    }
    print(
      "touch-down to pressed-frame flip request (pre-drawn path, \(width)x\(height), memory backend): "
        + "\(Percentiles(times))  [target p99 < 1 ms]")
    print("  \(taps) touch-downs, \(drawnAtPress) of them drew at touch-down")
  }
}

/// A benchmark that could not measure what it set out to.
struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
