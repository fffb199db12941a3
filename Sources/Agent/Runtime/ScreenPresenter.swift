import Foundation
import Logging
import RatingFlow
import Screen

/// Turns the flow's screen into what the panel shows, and shows it when (and only when) it changes.
///
/// The countdown makes the prompt change every second, so the presenter also says when it next
/// needs to redraw. Without a display (headless) it logs each change instead.
final class ScreenPresenter {
  private let display: DRMDisplay?
  private let painter: Painter
  private let idleCard: () -> IdleCard
  private let logger: Logger
  private var shown: ScreenContent?
  /// Called once, when the first frame is on the panel (systemd readiness, boot-to-first-frame).
  var onFirstFrame: (() -> Void)?

  init(display: DRMDisplay?, language: Language, idleCard: @escaping () -> IdleCard, logger: Logger) {
    self.display = display
    self.painter = Painter(language: language)
    self.idleCard = idleCard
    self.logger = logger
  }

  /// The display's descriptor for page-flip events, when there is a display.
  var displayDescriptor: Int32? { display?.fileDescriptor }

  /// The logical size of the panel, for hit-testing taps.
  var layout: ScreenLayout? {
    display.map { ScreenLayout(width: Double($0.logicalSize.width), height: Double($0.logicalSize.height)) }
  }

  /// What `screen` looks like at `now`.
  func content(of screen: FlowScreen, at now: FlowInstant) -> ScreenContent {
    switch screen {
    case .idle: .idle(idleCard())
    case .prompting(let prompt, let deadline):
      .prompt(
        serviceItem: prompt.source.transaction?.serviceItemName ?? "",
        secondsLeft: Int(((deadline - now).nanoseconds + 999_999_999) / 1_000_000_000), pressed: nil)
    case .reasons(_, let items, let selected, _): .reasons(items: items, selected: selected)
    case .thanks: .thanks
    case .expired: .expired
    case .outOfService(let fault): .outOfService(fault: fault)
    }
  }

  /// When the content of `screen` next changes by itself (the countdown's next second).
  func nextChange(of screen: FlowScreen, at now: FlowInstant) -> FlowInstant? {
    if case .idle = screen, display != nil { return now + .seconds(WallClock.secondsToNextMinute()) }
    guard case .prompting(_, let deadline) = screen else { return nil }
    let remainder = (deadline - now).nanoseconds % 1_000_000_000
    return now + .nanoseconds(Int64(remainder == 0 ? 1_000_000_000 : remainder))
  }

  /// Shows `screen` as it is at `now`, if that differs from what is on the panel.
  func present(_ screen: FlowScreen, at now: FlowInstant) {
    let content = content(of: screen, at: now)
    guard content != shown else { return }
    let isNewScreen = shown.map { !$0.sameScreen(as: content) } ?? true
    shown = content
    guard let display else {
      // Headless: log each new screen, not each tick of the countdown.
      if isNewScreen { logger.info("screen: \(ScreenDescription.of(screen))") }
      return
    }
    do {
      let painter = self.painter
      try display.show { canvas in painter.paint(content, on: canvas) }
      if let first = onFirstFrame {
        onFirstFrame = nil
        first()
      }
    } catch {
      logger.error("cannot show the screen: \(error)")
    }
  }

  /// Handles the display's page-flip events.
  func handleDisplayEvents() {
    do { try display?.handleEvents() } catch { logger.error("display: \(error)") }
  }
}

extension ScreenContent {
  /// Whether two contents are the same screen (a new countdown second is not a new screen).
  func sameScreen(as other: ScreenContent) -> Bool {
    switch (self, other) {
    case (.prompt(let a, _, let p), .prompt(let b, _, let q)): a == b && p == q
    case (.idle, .idle): true
    default: self == other
    }
  }
}
