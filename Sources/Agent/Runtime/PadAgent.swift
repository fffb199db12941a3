import Foundation
import HubLink
import Ledger
import Logging
import PhotoDecoding
import RatingFlow
import RatingModel
import RecordChain
import Screen
import SyncProtocol
import Touch

/// The running pad: wires configuration, ledger, flow, event loop and input together.
///
/// Unchecked Sendable: its state is touched only on the event loop's thread; other threads
/// (the tap script, later the network) only hand it closures through `EventLoop.post`.
public final class PadAgent: @unchecked Sendable {
  private let configuration: AgentConfiguration
  private let logger: Logger
  private let loop: EventLoop
  private let systemd = SystemdNotifier()
  let controller: PadController
  private let headless: Bool
  /// The HTTP API and push client, when configured.
  private let network: PadNetwork?
  private var watchdog: Watchdog
  private var pruner: LedgerPruner
  private let faults: FaultPolicy
  let presenter: ScreenPresenter
  /// Who is on duty at the window (PadAgent+Clerk).
  let clerks: ClerkDuty
  /// The touch panels, unless headless.
  private let touch: TouchInput?
  /// On a kiosk (`[screen] share`): the screen taken from the kiosk's application for each prompt.
  private let kiosk: KioskScreen?
  /// Display connectors unplugged and plugged back are noticed through this.
  private var displayHotplug: DisplayHotplugMonitor?
  /// The spoken prompts, when `[voice]` is enabled.
  private let voice: PadVoice?
  /// The wall time the pad stamps its records with, and whether it knows it.
  let clock: PadClock
  private let ledger: LedgerStore
  /// Takes the pad back into service once the ledger takes writes again.
  private var ledgerRecovery: LedgerRecovery

  /// Opens (or creates) the device key and the ledger, and records the boot; unless `headless`,
  /// takes over the display and the touch devices.
  public init(configuration: AgentConfiguration, logger: Logger, headless: Bool = true) throws {
    self.configuration = configuration
    self.logger = logger
    self.headless = headless
    let paths = configuration.paths
    try FileManager.default.createDirectory(
      atPath: paths.stateDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let loadedKey: DeviceKey
    do { loadedKey = try DeviceKey.loadOrCreate(path: paths.deviceKey, ledger: paths.ledger) } catch {
      if case .deviceKeyLost = error { logger.critical("\(FaultCode.deviceKeyLost("\(error)").logLine)") }
      throw error
    }
    let opened = try LedgerStore.open(path: paths.ledger, keyPath: paths.deviceKey, key: loadedKey)
    let ledger = opened.store
    let key = opened.key
    if let reset = opened.setAside {
      logger.critical("\(FaultCode.ledgerCorrupt(setAside: "\(reset)").logLine)")
    }
    if let handover = opened.handover {
      logger.warning(
        "ledger: started over with no records; key \(handover.previousFingerprint) handed over to new key \(key.publicKey.fingerprint), which the hub takes as its successor"
      )
    }
    let loop = try EventLoop()
    self.loop = loop
    self.ledger = ledger
    let clock = PadClock(lastKnown: try ledger.lastKnownTime())
    self.clock = clock
    try ledger.append(
      .device(.boot, detail: "ratingpad \(RatingpadCommand.configuration.version); clock \(clock.summary)"),
      at: clock.stamp())
    let now = MonotonicClock.now()
    watchdog = Watchdog(systemd: systemd, now: now)
    ledgerRecovery = LedgerRecovery(logger: logger) { [clock] entry in
      try ledger.append(entry, at: clock.stamp())
    }
    pruner = LedgerPruner(
      ledger: ledger, retentionDays: configuration.retentionDays, logger: logger, now: now)
    let channel = configuration.device.channel
    // Rating goes on without them: the hub then refuses the new key until they can be read.
    let handovers: [WireKeyHandover]
    do { handovers = try HandoverFile(keyPath: paths.deviceKey).presented() } catch {
      logger.error("the key handovers cannot be read, so the hub may not take this key: \(error)")
      handovers = []
    }
    let network =
      configuration.api != nil || configuration.push != nil
      ? try PadNetwork(configuration: configuration, key: key, handovers: handovers, logger: logger) : nil
    self.network = network
    let clerks = ClerkDuty(
      default: configuration.clerk, ledger: ledger, photoPath: paths.clerkPhoto,
      decoder: configuration.api?.photoDecoder ?? PhotoDecoder(), logger: logger,
      stamp: { [clock] in clock.stamp() })
    self.clerks = clerks
    let presenter = ScreenPresenter(
      // A kiosk's screen is opened only while the kiosk's application has handed it over.
      display: headless || configuration.screenShare != nil
        ? nil : Self.openDisplay(configuration, logger: logger)?.display,
      language: configuration.language, settings: configuration.flow,
      blankAfter: configuration.blankAfterSeconds > 0 ? .seconds(configuration.blankAfterSeconds) : nil,
      idleCard: { [configuration, clerks, clock] in
        clerks.card(
          hall: configuration.device.hall, window: configuration.device.window,
          clock: WallClock.minuteText(milliseconds: clock.stamp().wallMilliseconds))
      },
      untilNextMinute: { [clock] in
        .seconds(WallClock.secondsToNextMinute(milliseconds: clock.stamp().wallMilliseconds))
      }, logger: logger,
      rateLater: { [configuration] prompt in
        configuration.rateLater?.url(for: prompt, device: configuration.device)
      })
    self.presenter = presenter
    let voice = configuration.voice.enabled ? PadVoice(settings: configuration.voice, logger: logger) : nil
    self.voice = voice
    let controller = PadController(
      flow: RatingFlow(settings: configuration.flow),
      commit: { [ledger] records in
        let entries = records.map { LedgerEntry($0, channel: channel) }
        try ledger.append(entries, at: clock.stamp())
        network?.committed(entries)
      },
      isRated: { [ledger, logger] key in
        do { return try ledger.hasRating(for: key) } catch {
          // Unknown is treated as rated: refusing a prompt is safer than rating a transaction twice.
          logger.error("cannot ask the ledger whether \(key.transactionNumber) was rated: \(error)")
          return true
        }
      },
      show: { [presenter] screen in
        presenter.present(screen, at: MonotonicClock.now())
        // After the flip is asked for: the sound starts on its own thread, never ahead of the picture.
        voice?.show(screen)
      },
      newPromptID: { PromptID(UUID().uuidString.lowercased()) })
    self.controller = controller
    let faults = FaultPolicy(controller: controller, pin: configuration.touchDevice, logger: logger)
    self.faults = faults
    let touch =
      headless
      ? nil
      : TouchInput(
        pin: configuration.touchDevice, calibration: configuration.touchCalibration,
        rotation: configuration.rotation, loop: loop,
        surface: ScreenTapSurface(presenter: presenter, controller: controller),
        accepting: configuration.screenShare == nil
      ) { [logger, configuration] news in
        news.log(to: logger, pin: configuration.touchDevice)
        if case .scanned(let panels) = news { faults.touchPanels(panels) }
      }
    self.touch = touch
    kiosk = (headless ? nil : configuration.screenShare).map {
      KioskScreen(
        settings: $0, configuration: configuration, presenter: presenter, touch: touch, loop: loop,
        logger: logger)
    }
    if !headless { watchDevices() }
  }

  private static func openDisplay(_ configuration: AgentConfiguration, logger: Logger) -> DRMDisplay? {
    do {
      let display = try configuration.openDisplay()
      logger.info(
        "display: \(display.path) \(display.connectorName), \(display.width)x\(display.height), \(display.outputDetail)"
      )
      if let warning = display.outputWarning { logger.warning("display: \(warning)") }
      return display
    } catch {
      logger.critical("\(FaultCode.display("\(error)").logLine)")
      return nil
    }
  }

  /// Watches the display's page-flip events and every touch device's input.
  private func watchDevices() {
    if let fd = presenter.displayDescriptor {
      loop.watch(fd: fd) { self.presenter.handleDisplayEvents() }
      do {
        let monitor = try DisplayHotplugMonitor()
        displayHotplug = monitor
        loop.watch(fd: monitor.fileDescriptor) {
          guard monitor.drain() else { return }
          self.presenter.checkConnector()
          self.presenter.present(self.controller.flow.screen, at: MonotonicClock.now())
        }
      } catch {
        logger.error("display hotplug: \(error); a panel plugged back in needs a restart")
      }
    }
    touch?.start()
    if let kiosk, let fd = kiosk.signalDescriptor { loop.watch(fd: fd) { kiosk.handleSignals() } }
  }

  /// Listens for the hub's time (push answers) and learns it on the loop's thread; while the
  /// clock is unknown the push client asks for it.
  private func listenForHubTime() {
    network?.status.listenForHubTime(
      HubTimeListener { [self] time in
        loop.post { self.learn(time) }
      })
    network?.status.wantHubTime(!clock.isKnown)
  }

  /// Learns the hub's time; the first time the clock was unknown, records `clock_learned`.
  private func learn(_ time: HubTime) {
    let learned = clock.learn(time)
    network?.status.wantHubTime(!clock.isKnown)
    guard let entry = learned else { return }
    do {
      try ledger.append(entry, at: clock.stamp())
      network?.committed([entry])
      logger.notice("clock learned from the hub: \(entry.detail ?? "")")
    } catch {
      logger.error("cannot record the time learned from the hub: \(error)")
    }
  }

  /// Runs until the process is stopped.
  public func run() throws {
    listenForHubTime()
    network?.start(desk: self)
    runLoop { _ in }
  }

  /// Runs `body` on the loop's thread and hands back its answer.
  func onLoop<T: Sendable>(_ body: @escaping @Sendable (PadAgent) -> T) async -> T {
    await withCheckedContinuation { continuation in
      loop.post { continuation.resume(returning: body(self)) }
    }
  }

  /// Screen, touch and faults, for the health report.
  var health: DeviceHealth {
    PadHealth(
      headless: headless, shownFault: controller.fault, displayFault: displayFault,
      panels: touch?.panelCount ?? 0, voiceFault: voice?.fault, clock: clock.summary
    ).report
  }

  /// Why the screen shows nothing when it should. A kiosk has no display between prompts, and
  /// that is no fault.
  private var displayFault: FaultCode? {
    let problem = presenter.problem.map { FaultCode.display($0) }
    if let kiosk { return kiosk.fault ?? problem }
    return presenter.hasDisplay ? problem : .display("no display")
  }

  /// Runs the event loop: timeouts, systemd readiness and watchdog pings from this very thread.
  private func runLoop(afterEachTurn: @escaping (FlowInstant) -> Void) {
    let status = "ready: \(configuration.device.hall), window \(configuration.device.window)"
    // READY once the first frame is on the panel (at once when headless).
    presenter.onFirstFrame = { [systemd, logger] in
      logger.info("first frame shown \(MonotonicClock.now()) after boot")
      systemd.ready(status: status)
    }
    presenter.present(controller.flow.screen, at: MonotonicClock.now())
    if !presenter.hasDisplay {
      // A kiosk's screen comes and goes: ready now, not at its first frame.
      presenter.onFirstFrame = nil
      systemd.ready(status: status)
    }
    loop.run(nextDeadline: nextWake) { now in
      self.controller.advance(to: now)
      self.kiosk?.turn(self.controller, at: now)
      // A prompt that was open when the last panel went has ended now.
      if let touch = self.touch { self.faults.touchPanels(touch.panelCount) }
      self.presenter.update(self.controller.flow.screen, at: now)
      self.watchdog.pingIfDue(at: now)
      self.pruner.pruneIfDue(at: now)
      self.ledgerRecovery.retryIfDue(self.controller, at: now)
      afterEachTurn(now)
    }
  }

  /// The earliest of the flow's next timeout, the next watchdog ping and the next pruning.
  private func nextWake() -> FlowInstant? {
    let now = MonotonicClock.now()
    return [
      controller.flow.nextDeadline, pruner.nextPrune, ledgerRecovery.nextDeadline(controller, now: now),
      presenter.nextChange(of: controller.flow.screen, at: now), kiosk?.nextDeadline(at: now),
      watchdog.nextDeadline,
    ]
    .compactMap { $0 }.min()
  }

  /// Runs headless: plays `script` as counter system and citizen, then stops once the pad is idle again.
  public func run(script: TapScript) throws {
    listenForHubTime()
    network?.start(desk: self)
    let driver = TapScriptDriver(script: script)
    driver.start(
      on: loop,
      open: { transaction in _ = self.openPrompt(transaction.map(self.source(for:)) ?? .free) },
      tap: { target in self.controller.tap(target, at: MonotonicClock.now()) })
    runLoop { _ in
      if driver.isFinished && self.controller.flow.screen == .idle { self.loop.stop() }
    }
  }

  /// The prompt source for a transaction, with the window, department and clerk this device
  /// stands for filled in where the counter system left them out.
  func source(for transaction: Transaction) -> PromptSource {
    let staff = clerks.staffNumber(forPrompt: transaction.staffNumber)
    if staff.differs {
      logger.warning(
        "prompt for \(transaction.number) names 工号 \(transaction.staffNumber), but \(clerks.onDuty.map { "\($0.staffNumber) (\($0.name))" } ?? "nobody") is on duty; recorded as it came"
      )
    }
    let completed =
      (try? Transaction(
        number: transaction.number, serviceItemCode: transaction.serviceItemCode,
        serviceItemName: transaction.serviceItemName,
        staffNumber: staff.staffNumber,
        window: transaction.window.isEmpty ? configuration.device.window : transaction.window,
        department: transaction.department.isEmpty ? configuration.device.department : transaction.department,
        stage: transaction.stage)) ?? transaction
    return configuration.device.channel == .kiosk ? .kiosk(completed) : .counter(completed)
  }

  @discardableResult
  func openPrompt(_ source: PromptSource) -> Result<Prompt, PromptRefusal> {
    let result = controller.open(source, at: MonotonicClock.now())
    switch result {
    case .success(let prompt):
      logger.info("prompt \(prompt.id) opened for \(source.transaction?.number ?? "a free rating")")
    case .failure(let refusal):
      logger.warning("prompt refused: \(refusal)")
    }
    return result
  }
}
