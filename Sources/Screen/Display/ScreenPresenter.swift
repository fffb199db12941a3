import Logging
import RatingFlow
import RatingModel

/// Turns the flow's screen into what the panel shows, and shows it when (and only when) it
/// changes; the display's state lives in `Display`, the flow's rules in `RatingFlow`.
///
/// Latency by design: each content is drawn once into a buffer of its own, and the screens a tap
/// (or the countdown) can lead to from the one shown are drawn ahead, one per idle turn of the
/// loop; a tap then costs the ledger commit and a page flip. The prompt's five pressed buttons are
/// among them, so a finger going down on one costs only a page flip (`press`).
///
/// The countdown makes the prompt change every second, so the presenter also says when it next
/// needs to redraw. Without a display (headless) it logs each change instead.
public final class ScreenPresenter {
  /// The panel; on a kiosk only while the pad's terminal is in front (`attach`).
  private var display: Display?
  private let painter: Painter
  private let settings: FlowSettings
  private let idleCard: () -> IdleCard
  /// The rate-later address for a prompt, when rate later is on (Painter+RateLater).
  private let rateLater: (Prompt) -> String?
  /// The rate-later address of the last prompt shown: its expired screen offers it too.
  private var lastRateLater: String?
  private let untilNextMinute: () -> Duration
  private let logger: Logger
  /// Headless: the content last logged.
  private var logged: ScreenContent?
  /// How often a display that cannot be shown on is tried again.
  private static let retryInterval = Duration.seconds(1)
  /// How often the connector is looked at besides hotplug events: forcing a connector through
  /// sysfs sends no uevent (seen on Debian's 6.1 kernel), nor do some panels' controllers.
  private static let connectorCheckInterval = Duration.seconds(2)
  /// Nil until the first turn: the check is due at once.
  private var nextConnectorCheck: FlowInstant?
  /// Called once, when the first frame is on the panel (systemd readiness, boot-to-first-frame).
  public var onFirstFrame: (() -> Void)?
  /// How long the idle screen stays lit with nobody around; nil: always.
  private let blankAfter: Duration?
  /// The last touch or screen other than idle; nil until the first turn, which counts as one.
  private var lastActivity: FlowInstant?
  /// The level button a finger is pressing now, shown pressed while the prompt is up.
  public private(set) var pressedLevel: SatisfactionLevel?

  /// `settings` are the flow's (to work out the screens that may follow the shown one);
  /// `untilNextMinute` says when the idle card's clock next changes.
  public init(
    display: Display?, language: Language, settings: FlowSettings = FlowSettings(),
    blankAfter: Duration? = nil, idleCard: @escaping () -> IdleCard,
    untilNextMinute: @escaping () -> Duration = { .seconds(60) }, logger: Logger,
    rateLater: @escaping (Prompt) -> String? = { _ in nil }
  ) {
    self.rateLater = rateLater
    self.display = display
    self.blankAfter = blankAfter
    self.painter = Painter(language: language)
    self.settings = settings
    self.idleCard = idleCard
    self.untilNextMinute = untilNextMinute
    self.logger = logger
  }

  /// Draws on `display` from now on (a kiosk's screen handed over), or on nothing (handed back):
  /// everything starts afresh, as on a display just opened.
  public func attach(_ display: Display?) {
    self.display = display
    logged = nil
    nextConnectorCheck = nil
    lastActivity = nil
    pressedLevel = nil
  }

  /// Whether there is a display (a frame buffer has one without page-flip events).
  public var hasDisplay: Bool { display != nil }

  /// The display's descriptor for page-flip events, when there is a display that has them.
  public var displayDescriptor: Int32? { display?.eventDescriptor }

  /// Why the panel cannot show anything right now (another DRM master, unplugged), if so.
  public var problem: String? { display?.problem }

  /// Whether the panel is dark: idle, and nothing happened for `blankAfter`.
  public var isBlank: Bool { display?.isDark ?? false }

  /// The logical size of the panel, for hit-testing taps.
  public var layout: ScreenLayout? {
    display.map { ScreenLayout(width: Double($0.logicalSize.width), height: Double($0.logicalSize.height)) }
  }

  /// What `screen` looks like at `now`, with the button a finger presses now.
  public func content(of screen: FlowScreen, at now: FlowInstant) -> ScreenContent {
    content(of: screen, at: now, pressed: pressedLevel)
  }

  /// What `screen` looks like at `now` with `pressed` held down.
  func content(of screen: FlowScreen, at now: FlowInstant, pressed: SatisfactionLevel?) -> ScreenContent {
    switch screen {
    case .idle: .idle(idleCard())
    case .prompting(let prompt, let deadline):
      promptContent(
        serviceItem: prompt.source.transaction?.serviceItemName ?? "",
        secondsLeft: Int(((deadline - now).nanoseconds + 999_999_999) / 1_000_000_000), pressed: pressed,
        rateLater: rateLater(prompt))
    case .reasons(_, let items, let selected, _): .reasons(items: items, selected: selected)
    case .thanks: .thanks
    case .expired: lastRateLater.map { .expiredRateLater(url: $0) } ?? .expired
    case .outOfService(let fault): .outOfService(fault: fault)
    }
  }

  /// The prompt's content; remembers its rate-later address for the expired screen that may follow.
  private func promptContent(
    serviceItem: String, secondsLeft: Int, pressed: SatisfactionLevel?, rateLater: String?
  ) -> ScreenContent {
    lastRateLater = rateLater
    return .prompt(serviceItem: serviceItem, secondsLeft: secondsLeft, pressed: pressed, rateLater: rateLater)
  }

  /// When the content of `screen` next changes by itself (the countdown's next second).
  public func nextChange(of screen: FlowScreen, at now: FlowInstant) -> FlowInstant? {
    if problem != nil { return now + Self.retryInterval }
    // Screens still to draw ahead: the next turn of the loop draws one (events come first).
    if isDrawingAhead { return now }
    guard display != nil else { return nextCountdownChange(of: screen, at: now) }
    let check = nextConnectorCheck ?? now
    var blanking: FlowInstant?
    if case .idle = screen, !isBlank, let blankAfter { blanking = (lastActivity ?? now) + blankAfter }
    return [check, blanking, isBlank ? nil : nextCountdownChange(of: screen, at: now)].compactMap { $0 }.min()
  }

  private func nextCountdownChange(of screen: FlowScreen, at now: FlowInstant) -> FlowInstant? {
    if case .idle = screen, display != nil { return now + untilNextMinute() }
    guard case .prompting(_, let deadline) = screen else { return nil }
    let remainder = (deadline - now).nanoseconds % 1_000_000_000
    return now + .nanoseconds(Int64(remainder == 0 ? 1_000_000_000 : remainder))
  }

  /// A turn of the loop: the housekeeping that is due, then `screen` as it is at `now`.
  public func update(_ screen: FlowScreen, at now: FlowInstant) {
    maintain(screen, at: now)
    present(screen, at: now)
  }

  /// What is due by the clock rather than by a tap: the connector check, giving up a stuck flip,
  /// and darkening the idle panel. Kept off `present`, which a tap waits for.
  private func maintain(_ screen: FlowScreen, at now: FlowInstant) {
    guard let display else { return }
    if lastActivity == nil { lastActivity = now }
    if now >= nextConnectorCheck ?? now {
      nextConnectorCheck = now + Self.connectorCheckInterval
      checkConnector()
      recoverStuckFlip()
    }
    if case .idle = screen, display.problem == nil, !display.isDark, let blankAfter,
      now - (lastActivity ?? now) >= blankAfter
    {
      do {
        try display.darken()
        logger.info("display: dark after \(blankAfter) idle")
      } catch {
        logger.error("display: cannot turn dark: \(error)")
      }
    }
  }

  /// Shows `screen` as it is at `now`, if that differs from what is on the panel.
  public func present(_ screen: FlowScreen, at now: FlowInstant) {
    let content = content(of: screen, at: now)
    guard let display else {
      // Headless: log each new screen, not each tick of the countdown.
      if logged.map({ !$0.sameScreen(as: content) }) ?? true {
        logger.info("screen: \(ScreenDescription.of(screen))")
      }
      logged = content
      return
    }
    if display.problem == nil {
      if case .idle = screen {
        if display.isDark { return }
      } else {
        lastActivity = now
        if display.isDark { light(display) }
      }
    }
    guard content != display.presented else {
      drawAhead(display)
      return
    }
    let problem = display.problem
    do {
      try display.present(content, painter: painter)
      display.drawAhead(following(screen, at: now))
      if problem != nil { logger.notice("display: showing again") }
      if let first = onFirstFrame {
        onFirstFrame = nil
        first()
      }
    } catch {
      let text = "\(error)"
      if text != problem { logger.critical("\(FaultCode.display(text).logLine)") }
    }
  }

  /// A finger went down on `target`, slid off it (nil), came back, or lifted (nil): a level
  /// button shows pressed on the prompt, from its buffer drawn ahead (a page flip, no drawing).
  public func press(_ target: TapTarget?, on screen: FlowScreen, at now: FlowInstant) {
    var level: SatisfactionLevel?
    if case .level(let pressed)? = target { level = pressed }
    guard level != pressedLevel else { return }
    pressedLevel = level
    present(screen, at: now)
  }

  /// A touch arrived at `now`: it keeps the panel lit, and wakes a dark one. Returns whether it
  /// woke the panel, in which case it must not count as a tap.
  public func touched(at now: FlowInstant) -> Bool {
    lastActivity = now
    guard let display, display.isDark else { return false }
    light(display)
    return true
  }

  private func light(_ display: Display) {
    do {
      try display.light()
      logger.info("display: lit again")
    } catch {
      logger.error("display: cannot turn back on: \(error)")
    }
  }

  /// A connector may have been unplugged or plugged back: if so, redraw everything once it is back.
  public func checkConnector() {
    guard let connected = display?.reprobe() else { return }
    logger.notice("display: panel \(connected ? "connected" : "disconnected")")
    if let problem { logger.critical("\(FaultCode.display(problem).logLine)") }
  }

  /// Whether screens that may follow the shown one are still to be drawn ahead.
  public var isDrawingAhead: Bool { display?.isDrawingAhead ?? false }

  /// Draws the next screen that may follow the shown one, unless it is drawn already.
  private func drawAhead(_ display: Display) {
    do { try display.drawAhead(painter: painter) } catch {
      logger.error("display: cannot draw ahead: \(error)")
    }
  }

  /// The contents a touch, a tap or the countdown can lead to from `screen`, most urgent first:
  /// with no finger down, the prompt's pressed buttons (a touch-down comes before any tap); what
  /// the flow says a tap leads to; with a finger down, the other presses (a slide off, a lift
  /// that does not tap); the countdown's next second; then what the timeout leads to.
  func following(_ screen: FlowScreen, at now: FlowInstant) -> [ScreenContent] {
    let next = RatingFlow.screens(following: screen, settings: settings, at: now)
    var presses: [ScreenContent] = []
    if case .prompting = screen {
      let levels: [SatisfactionLevel?] = [nil] + SatisfactionLevel.displayOrder.map { Optional($0) }
      presses = levels.map { content(of: screen, at: now, pressed: $0) }
    }
    var contents = pressedLevel == nil ? presses : []
    contents += next.byTap.map { content(of: $0, at: now) }
    if pressedLevel != nil { contents += presses }
    if let tick = nextCountdownChange(of: screen, at: now), case .prompting = screen,
      case .prompt(_, let seconds, _, _) = content(of: screen, at: tick), seconds > 0
    {
      contents.append(content(of: screen, at: tick))
    }
    if let timeout = next.byTimeout, let deadline = screen.deadline {
      contents.append(content(of: timeout, at: deadline))
    }
    // Not the shown content itself (it is drawn), nor any twice.
    var seen: Set<ScreenContent> = [content(of: screen, at: now)]
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
  public func handleDisplayEvents() {
    do { try display?.handleEvents() } catch { logger.error("display: \(error)") }
  }
}

extension ScreenContent {
  /// Whether two contents are the same screen (a new countdown second is not a new screen).
  func sameScreen(as other: ScreenContent) -> Bool {
    switch (self, other) {
    case (.prompt(let a, _, let p, let l), .prompt(let b, _, let q, let m)): a == b && p == q && l == m
    case (.idle, .idle): true
    default: self == other
    }
  }
}
