import Logging
import RatingFlow
import RatingModel
import Screen

/// `ratingpad-bench screen`: the full redraw of every screen, and a tap's way to the page flip on
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
    let bench = PresenterBench(width: width, height: height)
    var times: [Duration] = []
    var drawnAtTap = 0
    for round in 0..<taps {
      let (_, now) = try bench.showPromptDrawnAhead(round: round)
      let draws = bench.display.draws
      let time = try bench.timeToFlip("the thank-you screen") {
        bench.presenter.present(.thanks(until: now + .seconds(3)), at: now)
      }
      times.append(time)
      if bench.display.draws != draws { drawnAtTap += 1 }
      bench.presenter.present(.idle, at: now + .seconds(3))
      while bench.presenter.isDrawingAhead { bench.presenter.present(.idle, at: now + .seconds(3)) }
    }
    print(
      "tap to flip request (pre-drawn path, \(width)x\(height), memory backend): \(Percentiles(times))"
        + "  [target p99 < 1 ms]")
    print(
      "  \(taps) taps, \(drawnAtTap) of them drew at tap time; \(bench.display.draws) frames drawn in all,"
        + " \(bench.display.bufferCount) buffers")
  }

  /// Each round: a new prompt is shown and the loop draws ahead while idle; then a finger goes
  /// down on one of the five buttons (in turn) and the clock runs until the pressed frame's flip is
  /// requested; the finger slides off again (the unpressed prompt) before the next round.
  fileprivate func touchDownToPressedFlip() throws {
    let bench = PresenterBench(width: width, height: height)
    var times: [Duration] = []
    var drawnAtPress = 0
    let levels = SatisfactionLevel.displayOrder
    for round in 0..<taps {
      let (prompting, now) = try bench.showPromptDrawnAhead(round: round)
      let draws = bench.display.draws
      let time = try bench.timeToFlip("the pressed button") {
        bench.presenter.press(.level(levels[round % levels.count]), on: prompting, at: now)
      }
      times.append(time)
      if bench.display.draws != draws { drawnAtPress += 1 }
      bench.presenter.press(nil, on: prompting, at: now)
    }
    print(
      "touch-down to pressed-frame flip request (pre-drawn path, \(width)x\(height), memory backend): "
        + "\(Percentiles(times))  [target p99 < 1 ms]")
    print("  \(taps) touch-downs, \(drawnAtPress) of them drew at touch-down")
  }
}

/// A presenter on an in-memory display, for timing how fast a pre-drawn frame goes up.
private final class PresenterBench {
  let backend: MemoryFrameBackend
  let display: Display
  let presenter: ScreenPresenter
  private let clock = ContinuousClock()
  private var flipRequested: ContinuousClock.Instant?
  private let start = FlowInstant(nanoseconds: 1_000_000_000_000)

  init(width: Int, height: Int) {
    backend = MemoryFrameBackend(width: width, height: height)
    display = Display(memory: backend)
    presenter = ScreenPresenter(
      display: display, language: .chinese,
      idleCard: {
        IdleCard(
          hall: "灵武市政务服务中心", window: "7", clerkName: "王芳", staffNumber: "A1024", clock: "2026-11-25 09:30")
      }, logger: Logger(label: "bench"))
    backend.onScanOut = { [unowned self] in flipRequested = clock.now }
  }

  /// Round `round`'s prompt, shown 1.5 s after it opened with everything it may lead to drawn ahead.
  func showPromptDrawnAhead(round: Int) throws -> (FlowScreen, FlowInstant) {
    let openedAt = start + .seconds(60 * Int64(round))
    let transaction = try Transaction(
      number: "BENCH-\(round)", serviceItemCode: "11640181MB0001", serviceItemName: "户口迁移 \(round)")
    let prompt = Prompt(id: PromptID("bench-\(round)"), source: .counter(transaction), openedAt: openedAt)
    let prompting = FlowScreen.prompting(prompt, deadline: openedAt + .seconds(10))
    let now = openedAt + .milliseconds(1500)
    presenter.present(prompting, at: now)
    while presenter.isDrawingAhead { presenter.present(prompting, at: now) }
    return (prompting, now)
  }

  /// How long `change` takes until it requests a flip, which it must.
  func timeToFlip(_ what: String, _ change: () -> Void) throws -> Duration {
    flipRequested = nil
    let before = clock.now
    change()
    guard let flip = flipRequested else { throw BenchError("\(what) was never flipped to") }
    return flip - before
  }
}

/// A benchmark that could not measure what it set out to.
struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
