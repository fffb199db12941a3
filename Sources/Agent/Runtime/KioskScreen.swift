import Logging
import RatingFlow
import Screen
import Touch

/// On a kiosk the screen belongs to the kiosk's own application: the pad takes it for each prompt
/// and gives it back (`ScreenShare`), counts taps only meanwhile, and records a prompt the kiosk
/// never let it show as not shown, with why (never as a rating).
///
/// Unchecked Sendable: it is touched only on the event loop's thread, whose handlers capture it.
final class KioskScreen: @unchecked Sendable {
  private let share: ScreenShare?
  /// Why the screen cannot be shared at all (the terminal cannot be held), if so.
  private let unavailable: String?
  private let logger: Logger
  /// When the flow began to want the screen, for the handover's time in the log.
  private var wantedSince: FlowInstant?

  /// Holds the pad's terminal per `settings`; hands the display to `presenter` and the panels to
  /// `touch` while the pad is in front, watching the display's events on `loop`.
  init(
    settings: ScreenShareSettings, configuration: AgentConfiguration, presenter: ScreenPresenter,
    touch: TouchInput?, loop: EventLoop, logger: Logger
  ) {
    self.logger = logger
    do {
      share = try ScreenShare(
        settings: settings,
        openDisplay: { () throws(ScreenError) -> DRMDisplay in try configuration.openDisplay() }
      ) { display in
        guard let display else {
          touch?.accept(false)
          if let fd = presenter.displayDescriptor { loop.unwatch(fd: fd) }
          presenter.attach(nil)
          return
        }
        presenter.attach(display.display)
        // The loop calls this on its own thread, the only one that touches the presenter.
        nonisolated(unsafe) let onLoop = presenter
        if let fd = presenter.displayDescriptor { loop.watch(fd: fd) { onLoop.handleDisplayEvents() } }
        touch?.accept(true)
      }
      unavailable = nil
      logger.info(
        "screen: shared with the kiosk's application from vt\(settings.terminal); handed over within \(settings.wait)"
      )
    } catch {
      share = nil
      unavailable = "\(error)"
      logger.critical("\(FaultCode.screenShare("\(error)").logLine)")
    }
  }

  /// The kernel's release and acquire signals arrive on this descriptor.
  var signalDescriptor: Int32? { share?.signalDescriptor }

  /// Answers the kernel's signals.
  func handleSignals() { share?.handleSignals() }

  /// Why the screen could not be had, for the health report.
  var fault: FaultCode? { (share?.problem ?? unavailable).map { .screenShare($0) } }

  /// When `turn` must run again by itself.
  func nextDeadline(at now: FlowInstant) -> FlowInstant? { share?.nextDeadline(at: now) }

  /// A turn of the loop: brings the pad in front while the flow has a screen for the citizen,
  /// the kiosk's application back when it has none; a prompt that cannot be shown is closed.
  func turn(_ controller: PadController, at now: FlowInstant) {
    let wanted = controller.flow.screen.isForTheCitizen
    if wanted, wantedSince == nil { wantedSince = now }
    guard let share else {
      if controller.flow.openPrompt != nil, let unavailable { notShown(unavailable, controller, at: now) }
      return
    }
    let wasInFront = share.isInFront
    if case .failed(let why)? = share.update(wanted: wanted, at: now) { notShown(why, controller, at: now) }
    if share.isInFront, !wasInFront, let since = wantedSince {
      logger.info("screen: taken from the kiosk's application in \(now - since)")
    }
    if !wanted { wantedSince = nil }
  }

  private func notShown(_ why: String, _ controller: PadController, at now: FlowInstant) {
    let fault = FaultCode.screenShare(why)
    logger.critical("\(fault.logLine)")
    controller.promptNotShown(fault.summary, at: now)
  }
}

extension FlowScreen {
  /// Whether the citizen must see this screen: a kiosk's application gives way for it.
  var isForTheCitizen: Bool {
    switch self {
    case .prompting, .reasons, .thanks, .expired: true
    case .idle, .outOfService: false
    }
  }
}
