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
  /// Why the panel cannot show anything right now (another DRM master, unplugged), if so.
  private(set) var problem: String?
  /// How often a display that cannot be shown on is tried again.
  private static let retryInterval = Duration.seconds(1)
  /// How often the connector is looked at besides hotplug events: forcing a connector through
  /// sysfs sends no uevent (seen on Debian's 6.1 kernel), nor do some panels' controllers.
  private static let connectorCheckInterval = Duration.seconds(2)
  private var nextConnectorCheck = MonotonicClock.now()
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
    if problem != nil { return now + Self.retryInterval }
    let check: FlowInstant? = display == nil ? nil : nextConnectorCheck
    return [check, nextCountdownChange(of: screen, at: now)].compactMap { $0 }.min()
  }

  private func nextCountdownChange(of screen: FlowScreen, at now: FlowInstant) -> FlowInstant? {
    if case .idle = screen, display != nil { return now + .seconds(WallClock.secondsToNextMinute()) }
    guard case .prompting(_, let deadline) = screen else { return nil }
    let remainder = (deadline - now).nanoseconds % 1_000_000_000
    return now + .nanoseconds(Int64(remainder == 0 ? 1_000_000_000 : remainder))
  }

  /// Shows `screen` as it is at `now`, if that differs from what is on the panel.
  func present(_ screen: FlowScreen, at now: FlowInstant) {
    if display != nil && now >= nextConnectorCheck {
      nextConnectorCheck = now + Self.connectorCheckInterval
      checkConnector()
    }
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
      if problem != nil { logger.notice("display: showing again") }
      problem = nil
      if let first = onFirstFrame {
        onFirstFrame = nil
        first()
      }
    } catch {
      // Nothing reached the panel: draw the whole screen again on the next try.
      shown = nil
      let text = "\(error)"
      if text != problem { logger.critical("FAULT E-DISPLAY: \(text)") }
      problem = text
    }
  }

  /// A connector may have been unplugged or plugged back: if so, redraw everything once it is back.
  func checkConnector() {
    guard let connected = display?.reprobe() else { return }
    logger.notice("display: panel \(connected ? "connected" : "disconnected")")
    shown = nil
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
