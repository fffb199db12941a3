import CDRM
import Glibc
import RatingFlow

/// How a kiosk shares its screen with the pad (`[screen] share`).
public struct ScreenShareSettings: Sendable, Hashable {
  /// The pad's own virtual terminal: 8 for /dev/tty8.
  public var terminal: Int
  /// How long the kiosk's display server may take to let go of the screen before the prompt is
  /// recorded as not shown.
  public var wait: Duration

  /// The defaults: terminal 8, five seconds.
  public init(terminal: Int = 8, wait: Duration = .seconds(5)) {
    self.terminal = terminal
    self.wait = wait
  }
}

/// Takes the screen from a kiosk's own application while the flow has something for the citizen,
/// and gives it back afterwards, by the kernel's own mechanism: the pad's virtual terminal is
/// switched to (VT_ACTIVATE), the kiosk's display server lets go of the terminal and of DRM master
/// as it does for any switch, and the pad opens the DRM device only then (becoming master by
/// opening it, so it needs no CAP_SYS_ADMIN). Going back, it closes the device first, so the
/// display server finds master free when its terminal returns.
///
/// A kiosk that does not let go within `settings.wait` is a failure (`Change.failed`, with why):
/// the caller records the prompt as not shown, and the pad goes back to the kiosk's terminal.
public final class ScreenShare {
  /// What changed for the caller.
  public enum Change: Equatable {
    /// The screen could not be taken; why, for the log and the ledger.
    case failed(String)
  }

  private enum Phase {
    /// The kiosk's application is in front; the pad holds no DRM device.
    case behind
    /// The switch to the pad's terminal was asked for, and master is awaited, until `deadline`.
    case coming(deadline: FlowInstant)
    /// The pad's terminal is in front and the pad is DRM master.
    case inFront(DRMDisplay)
    /// The switch back to the kiosk's terminal was asked for; the release signal is awaited.
    case leaving
  }

  /// The settings in force.
  public let settings: ScreenShareSettings
  private let terminal: VirtualTerminal
  private let signals: TerminalSignals
  private let openDisplay: () throws(ScreenError) -> DRMDisplay
  /// Hands the display to whoever draws (nil: give it up now, before the device is closed).
  private let front: (DRMDisplay?) -> Void
  private var phase = Phase.behind
  /// The terminal the kiosk's application was on when the pad took the screen: where it goes back.
  private var kioskTerminal: Int?
  /// Why the DRM device could not be taken on the last try.
  private var lastRefusal: String?
  /// Why the last handover failed; nil once one succeeds.
  public private(set) var problem: String?
  /// How often master is asked for again while the pad's terminal is in front without it.
  private static let retryInterval = Duration.milliseconds(100)

  /// Holds terminal `settings.terminal` in process mode; `openDisplay` opens the DRM device (only
  /// ever while the pad's terminal is in front), `front` is told of the display to draw on.
  public init(
    settings: ScreenShareSettings, openDisplay: @escaping () throws(ScreenError) -> DRMDisplay,
    front: @escaping (DRMDisplay?) -> Void
  ) throws(ScreenError) {
    self.settings = settings
    signals = try TerminalSignals()
    terminal = try VirtualTerminal(
      number: settings.terminal, releaseSignal: TerminalSignals.release,
      acquireSignal: TerminalSignals.acquire)
    self.openDisplay = openDisplay
    self.front = front
  }

  deinit {
    if case .inFront = phase { front(nil) }
    phase = .behind
    // Automatic first: nobody is left to answer the release signal.
    terminal.automatic()
    if terminal.isActive, let kioskTerminal { try? terminal.activate(kioskTerminal) }
  }

  /// The descriptor to poll: the kernel's release and acquire signals arrive there.
  public var signalDescriptor: Int32 { signals.fileDescriptor }

  /// Whether the pad's terminal is in front with the display in hand.
  public var isInFront: Bool {
    if case .inFront = phase { return true }
    return false
  }

  /// When `update` must run again by itself.
  public func nextDeadline(at now: FlowInstant) -> FlowInstant? {
    guard case .coming(let deadline) = phase else { return nil }
    // Once the terminal is in front only master is missing, and nothing signals its release.
    return terminal.isActive ? min(deadline, now + Self.retryInterval) : deadline
  }

  /// Answers the kernel's signals: a switch away is always let go ahead (after giving up the
  /// display), a switch here is acknowledged.
  public func handleSignals() {
    for signal in signals.drain() {
      if signal == TerminalSignals.acquire {
        terminal.acknowledgeAcquire()
      } else if signal == TerminalSignals.release {
        if case .inFront = phase { front(nil) }
        // Coming, the deadline still stands: a terminal taken away mid-handover is a failure in time.
        if !isComing { phase = .behind }
        terminal.allowRelease()
      }
    }
  }

  /// Brings the pad's terminal to the front while `wanted` (the flow has something for the
  /// citizen), and the kiosk's back when not; returns a failure to record.
  public func update(wanted: Bool, at now: FlowInstant) -> Change? {
    switch phase {
    case .behind:
      if wanted { return come(at: now) }
      // Switched here by someone else, or a late release after a failure: give it back.
      if terminal.isActive, let kioskTerminal, kioskTerminal != terminal.number {
        goBack(to: kioskTerminal)
      }
      return nil
    case .coming(let deadline):
      guard wanted else {
        goBack()
        return nil
      }
      if terminal.isActive, take() { return nil }
      guard now >= deadline else { return nil }
      let seconds = settings.wait.components.seconds
      let why =
        terminal.isActive
        ? "the kiosk's display server kept DRM master \(seconds) s after the switch to vt\(terminal.number) (\(lastRefusal ?? "no master"))"
        : "vt\(kioskTerminal.map(String.init) ?? "?") did not let go of the screen within \(seconds) s (its display server did not answer the switch to vt\(terminal.number))"
      goBack()
      return fail(why)
    case .inFront:
      if !wanted { goBack() }
      return nil
    case .leaving:
      // The release signal completes it; a kiosk's terminal found in front completes it as well.
      guard !terminal.isActive else { return nil }
      phase = .behind
      return wanted ? come(at: now) : nil
    }
  }

  private func come(at now: FlowInstant) -> Change? {
    lastRefusal = nil
    phase = .coming(deadline: now + settings.wait)
    guard let active = terminal.active else {
      return fail("the terminal in front cannot be read (VT_GETSTATE)")
    }
    if active != terminal.number {
      kioskTerminal = active
      // A terminal in automatic mode switches at once, but what draws on it never hears of the
      // switch: it keeps DRM master, and the kernel's console would draw over it on the way back.
      if VirtualTerminal.isInProcessMode(active) == false {
        return fail(
          "vt\(active) is in automatic mode (VT_AUTO): its display server takes no part in terminal switching, so it would keep the screen (DRM master)"
        )
      }
      do { try terminal.activate(terminal.number) } catch { return fail(error.description) }
    }
    if terminal.isActive { _ = take() }
    return nil
  }

  /// Opens the DRM device, keeping it only as master; true once in front.
  private func take() -> Bool {
    let display: DRMDisplay
    do { display = try openDisplay() } catch {
      lastRefusal = error.description
      return false
    }
    guard display.isMaster else {
      lastRefusal = "\(display.path) opened without master"
      return false
    }
    phase = .inFront(display)
    problem = nil
    front(display)
    return true
  }

  /// Gives the display up and asks for the kiosk's terminal; the release signal completes it.
  private func goBack(to target: Int? = nil) {
    if case .inFront = phase { front(nil) }
    // Never while the switch here is still pending: that would ask the kiosk's display server to
    // let go of its own terminal, a switch the kernel then drops, leaving it let go for good.
    guard let target = target ?? kioskTerminal, target != terminal.number, terminal.isActive else {
      phase = .behind
      return
    }
    phase = .leaving
    do { try terminal.activate(target) } catch { phase = .behind }
  }

  /// A handover given up: behind again (`goBack` already asked for the kiosk's terminal where it
  /// had to), and `why` kept for the health report until one succeeds.
  private func fail(_ why: String) -> Change {
    if isComing { phase = .behind }
    problem = why
    return .failed(why)
  }

  private var isComing: Bool {
    if case .coming = phase { return true }
    return false
  }
}
