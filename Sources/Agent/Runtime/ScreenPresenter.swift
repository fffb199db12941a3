import Foundation
import Logging
import RatingFlow
import Screen

/// Turns the flow's screen into what the panel shows, and shows it when (and only when) it changes.
///
/// Latency by design: each content is drawn once into a buffer of its own (the display's
/// `FrameCache`), and the screens a tap (or the countdown) can lead to from the one shown are
/// drawn ahead, one per idle turn of the loop; a tap then costs the ledger commit and a page flip.
///
/// The countdown makes the prompt change every second, so the presenter also says when it next
/// needs to redraw. Without a display (headless) it logs each change instead.
final class ScreenPresenter {
  private let display: (any PanelDisplay)?
  private let painter: Painter
  private let checklist: ReasonChecklist
  private let idleCard: () -> IdleCard
  private let logger: Logger
  private var shown: ScreenContent?
  /// The contents that may follow the one shown, in the order they are drawn ahead.
  private var ahead: [ScreenContent] = []
  /// All of them: drawing one ahead never evicts another.
  private var aheadSet: Set<ScreenContent> = []
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
  /// How long the idle screen stays lit with nobody around; nil: always.
  private let blankAfter: Duration?
  private var lastActivity = MonotonicClock.now()
  /// Whether the panel is dark: idle, and nothing happened for `blankAfter`.
  private(set) var isBlank = false

  /// `checklist` says which levels lead to the reasons screen (to draw it ahead).
  init(
    display: (any PanelDisplay)?, language: Language, checklist: ReasonChecklist = .standard,
    blankAfter: Duration? = nil, idleCard: @escaping () -> IdleCard, logger: Logger
  ) {
    self.display = display
    self.blankAfter = blankAfter
    self.painter = Painter(language: language)
    self.checklist = checklist
    self.idleCard = idleCard
    self.logger = logger
  }

  /// The display's descriptor for page-flip events, when there is a display.
  var displayDescriptor: Int32? { display?.eventDescriptor }

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
    // Screens still to draw ahead: the next turn of the loop draws one (events come first).
    if isDrawingAhead { return now }
    let check: FlowInstant? = display == nil ? nil : nextConnectorCheck
    var blanking: FlowInstant?
    if case .idle = screen, !isBlank, display != nil, let blankAfter { blanking = lastActivity + blankAfter }
    return [check, blanking, isBlank ? nil : nextCountdownChange(of: screen, at: now)].compactMap { $0 }.min()
  }

  private func nextCountdownChange(of screen: FlowScreen, at now: FlowInstant) -> FlowInstant? {
    if case .idle = screen, display != nil { return now + .seconds(WallClock.secondsToNextMinute()) }
    guard case .prompting(_, let deadline) = screen else { return nil }
    let remainder = (deadline - now).nanoseconds % 1_000_000_000
    return now + .nanoseconds(Int64(remainder == 0 ? 1_000_000_000 : remainder))
  }

  /// A turn of the loop: the housekeeping that is due, then `screen` as it is at `now`.
  func update(_ screen: FlowScreen, at now: FlowInstant) {
    maintain(screen, at: now)
    present(screen, at: now)
  }

  /// What is due by the clock rather than by a tap: the connector check, giving up a stuck flip,
  /// and darkening the idle panel. Kept off `present`, which a tap waits for.
  private func maintain(_ screen: FlowScreen, at now: FlowInstant) {
    guard let display else { return }
    if now >= nextConnectorCheck {
      nextConnectorCheck = now + Self.connectorCheckInterval
      checkConnector()
      recoverStuckFlip()
    }
    if case .idle = screen, problem == nil, !isBlank, let blankAfter, now - lastActivity >= blankAfter {
      setBlank(true, display)
    }
  }

  /// Shows `screen` as it is at `now`, if that differs from what is on the panel.
  func present(_ screen: FlowScreen, at now: FlowInstant) {
    if let display, problem == nil {
      if case .idle = screen {
        if isBlank { return }
      } else {
        lastActivity = now
        if isBlank { wake(display, at: now) }
      }
    }
    let content = content(of: screen, at: now)
    guard content != shown else {
      drawAhead()
      return
    }
    let isNewScreen = shown.map { !$0.sameScreen(as: content) } ?? true
    shown = content
    guard let display else {
      // Headless: log each new screen, not each tick of the countdown.
      if isNewScreen { logger.info("screen: \(ScreenDescription.of(screen))") }
      return
    }
    do {
      let painter = self.painter
      try display.present(content, painter: painter)
      if problem != nil { logger.notice("display: showing again") }
      problem = nil
      ahead = following(screen, at: now).filter { $0 != content }
      aheadSet = Set(ahead)
      if let first = onFirstFrame {
        onFirstFrame = nil
        first()
      }
    } catch {
      // Nothing reached the panel: show it again on the next try.
      shown = nil
      ahead = []
      let text = "\(error)"
      if text != problem { logger.critical("FAULT E-DISPLAY: \(text)") }
      problem = text
    }
  }

  /// A touch arrived at `now`: it keeps the panel lit, and wakes a dark one. Returns whether it
  /// woke the panel, in which case it must not count as a tap.
  func touched(at now: FlowInstant) -> Bool {
    lastActivity = now
    guard isBlank, let display else { return false }
    wake(display, at: now)
    return true
  }

  private func wake(_ display: any PanelDisplay, at now: FlowInstant) {
    lastActivity = now
    setBlank(false, display)
  }

  private func setBlank(_ dark: Bool, _ display: any PanelDisplay) {
    do {
      try display.setBlank(dark)
      logger.info("display: \(dark ? "dark after \(blankAfter ?? .zero) idle" : "lit again")")
    } catch {
      logger.error("display: cannot turn \(dark ? "dark" : "back on"): \(error)")
    }
    isBlank = dark
    // Lit again: whatever is due now is drawn in full.
    if !dark { shown = nil }
  }

  /// A connector may have been unplugged or plugged back: if so, redraw everything once it is back.
  func checkConnector() {
    guard let connected = display?.reprobe() else { return }
    logger.notice("display: panel \(connected ? "connected" : "disconnected")")
    shown = nil
    ahead = []
  }

  /// Whether screens that may follow the shown one are still to be drawn ahead.
  var isDrawingAhead: Bool { !ahead.isEmpty && problem == nil && display != nil }

  /// Draws the next screen that may follow the shown one, unless it is drawn already.
  private func drawAhead() {
    guard let display, problem == nil else { return }
    while !ahead.isEmpty {
      let next = ahead.removeFirst()
      do {
        switch try display.prepare(next, painter: painter, keeping: aheadSet) {
        case .alreadyDrawn: continue
        case .drawn: return
        case .noRoom: ahead = []
        }
      } catch {
        logger.error("display: cannot draw ahead: \(error)")
        ahead = []
      }
    }
  }

  /// The contents a tap or the countdown can lead to from `screen`, most urgent first.
  func following(_ screen: FlowScreen, at now: FlowInstant) -> [ScreenContent] {
    switch screen {
    case .prompting:
      var next: [ScreenContent] = [.thanks]
      for level in SatisfactionLevel.allCases {
        let items = checklist.items(for: level)
        if !items.isEmpty { next.append(.reasons(items: items, selected: [])) }
      }
      // The countdown's next second, then the prompt closing unrated.
      if let tick = nextCountdownChange(of: screen, at: now),
        case .prompt(_, let seconds, _) = content(of: screen, at: tick), seconds > 0
      {
        next.append(content(of: screen, at: tick))
      }
      next.append(.expired)
      return unique(next)
    case .reasons(_, let items, let selected, _):
      // Thanks (submit, skip), then each item ticked or unticked.
      return [.thanks]
        + items.map { item in
          let toggled =
            selected.contains(item.code) ? selected.filter { $0 != item.code } : selected + [item.code]
          return .reasons(items: items, selected: items.map(\.code).filter(toggled.contains))
        }
    case .thanks, .expired: return [content(of: .idle, at: now)]
    case .idle: return [.thanks]
    case .outOfService: return []
    }
  }

  private func unique(_ contents: [ScreenContent]) -> [ScreenContent] {
    var seen: Set<ScreenContent> = []
    return contents.filter { seen.insert($0).inserted }
  }

  /// A page flip that never completed (a wedged driver, a lost vblank) would freeze the panel.
  private func recoverStuckFlip() {
    do {
      if try display?.recoverStuckFlip() == true {
        logger.warning("display: a page flip never completed; the frame went up with a mode set")
      }
    } catch {
      logger.error("display: recovering from a stuck page flip: \(error)")
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
