import Foundation
import HubLink
import Ledger
import Logging
import RatingFlow
import Screen
import Touch

/// The running pad: wires configuration, ledger, flow, event loop and input together.
///
/// Unchecked Sendable: its state is touched only on the event loop's thread; other threads
/// (the tap script, later the network) only hand it closures through `EventLoop.post`.
public final class PadAgent: @unchecked Sendable {
  private let configuration: AgentConfiguration
  private let logger: Logger
  private let ledger: LedgerStore
  private let loop: EventLoop
  private let systemd = SystemdNotifier()
  private(set) var controller: PadController!
  private let headless: Bool
  /// The HTTP API and push client, when configured.
  private var network: PadNetwork?
  private var nextWatchdogPing = MonotonicClock.now()
  /// Acknowledged records past retention are pruned at start and then hourly.
  private var nextPrune = MonotonicClock.now()
  private static let pruneInterval = Duration.seconds(3600)
  private var presenter: ScreenPresenter!
  /// Touch panels by descriptor, each with what the agent tracks of it.
  private var touches: [Int32: PanelInUse] = [:]

  /// A touch panel the agent reads, with its tap recognizer and screen transform.
  private struct PanelInUse {
    var panel: TouchPanel
    var taps = TapRecognizer<TapTarget>()
    let transform: TouchTransform
    /// The touch in progress woke the dark screen and is dropped until it lifts.
    var swallowing = false
    var device: TouchDevice { panel.device }
  }
  /// Panels plugged in while running are found through this.
  private var inputWatch: InputDirectoryWatch?
  /// Display connectors unplugged and plugged back are noticed through this.
  private var displayHotplug: DisplayHotplugMonitor?

  /// Opens (or creates) the device key and the ledger, and records the boot; unless `headless`,
  /// takes over the display and the touch devices.
  public init(configuration: AgentConfiguration, logger: Logger, headless: Bool = true) throws {
    self.configuration = configuration
    self.logger = logger
    self.headless = headless
    let paths = configuration.paths
    try FileManager.default.createDirectory(
      atPath: paths.stateDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    let key = try DeviceKey.loadOrCreate(path: paths.deviceKey)
    let opened = try LedgerStore.open(path: paths.ledger, deviceKey: key)
    ledger = opened.store
    if let reset = opened.setAside {
      logger.critical(
        "FAULT E-LEDGER-CORRUPT: the ledger failed its integrity check and was set aside: \(reset)")
    }
    loop = try EventLoop()
    try ledger.append(
      .device(.boot, detail: "ratingpad \(RatingpadCommand.configuration.version)"), at: .now())
    let channel = configuration.device.channel
    let network =
      configuration.api != nil || configuration.push != nil
      ? try PadNetwork(configuration: configuration, key: key, logger: logger) : nil
    self.network = network
    presenter = ScreenPresenter(
      display: headless ? nil : Self.openDisplay(configuration, logger: logger)?.display,
      language: configuration.language, settings: configuration.flow,
      blankAfter: configuration.blankAfterSeconds > 0 ? .seconds(configuration.blankAfterSeconds) : nil,
      idleCard: { [configuration] in
        IdleCard(
          hall: configuration.device.hall, window: configuration.device.window,
          clerkName: configuration.clerk.name,
          staffNumber: configuration.clerk.staffNumber, clock: WallClock.minuteText())
      }, untilNextMinute: { .seconds(WallClock.secondsToNextMinute()) }, logger: logger)
    controller = PadController(
      flow: RatingFlow(settings: configuration.flow),
      commit: { [ledger] records in
        let entries = records.map { LedgerEntry($0, channel: channel) }
        try ledger.append(entries, at: .now())
        network?.committed(entries)
      },
      isRated: { [ledger, logger] key in
        do { return try ledger.hasRating(for: key) } catch {
          // Unknown is treated as rated: refusing a prompt is safer than rating a transaction twice.
          logger.error("cannot ask the ledger whether \(key.transactionNumber) was rated: \(error)")
          return true
        }
      },
      show: { [presenter] screen in presenter!.present(screen, at: MonotonicClock.now()) },
      newPromptID: { PromptID(UUID().uuidString.lowercased()) })
    if !headless { watchDevices() }
  }

  private static func openDisplay(_ configuration: AgentConfiguration, logger: Logger) -> DRMDisplay? {
    do {
      let display = try configuration.openDisplay()
      logger.info("display: \(display.path) \(display.connectorName), \(display.width)x\(display.height)")
      return display
    } catch {
      logger.critical("FAULT E-DISPLAY: \(error)")
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
    do {
      let watch = try InputDirectoryWatch()
      inputWatch = watch
      loop.watch(fd: watch.fileDescriptor) { if watch.drain() { self.addTouchDevices() } }
    } catch {
      logger.error("touch hotplug: \(error); a panel plugged in later needs a restart")
    }
    addTouchDevices()
  }

  /// No panel means no rating can be made: say so on the screen (once no prompt is open, so an
  /// open one still ends as recorded) and to the counter system, until a panel comes back.
  private func updateTouchFault() {
    guard !headless else { return }
    let shown = controller.fault?.hasPrefix(Self.noTouchFault) == true
    if touches.isEmpty && !shown && controller.flow.screen == .idle {
      let pinned = configuration.touchDevice.map { " named \($0)" } ?? ""
      logger.critical(
        "FAULT \(Self.noTouchFault): no touch screen or absolute pointer\(pinned) under /dev/input")
      controller.enterFault(Self.noTouchFault)
    } else if !touches.isEmpty && shown {
      logger.info("touch: a panel is back; in service again")
      controller.clearFault()
    }
  }

  private static let noTouchFault = "E-TOUCH-NONE"

  /// Opens every touch device not open yet.
  private func addTouchDevices() {
    defer { updateTouchFault() }
    let panels = TouchPanel.openAll(
      pin: configuration.touchDevice, configured: configuration.touchCalibration,
      excluding: Set(touches.values.map(\.device.path))
    ) { device in
      logger.info(
        "touch: \(device.path) \(device.name) (\(device.vendorProduct)) is not the pinned \(configuration.touchDevice ?? "")"
      )
    }
    for panel in panels {
      logger.info(
        "touch: \(panel.device.path) \(panel.device.name), calibration \(panel.calibration) from \(panel.calibratedByUdev ? "udev" : "the configuration")"
      )
      let fd = panel.device.fileDescriptor
      touches[fd] = PanelInUse(
        panel: panel,
        transform: TouchTransform(calibration: panel.calibration, rotation: configuration.rotation))
      loop.watch(fd: fd) { self.readTouch(fd) }
    }
  }

  private func readTouch(_ fd: Int32) {
    guard var entry = touches[fd] else { return }
    guard let events = entry.device.readEvents() else {
      logger.critical("FAULT E-TOUCH: \(entry.device.path) disappeared")
      loop.unwatch(fd: fd)
      touches[fd] = nil
      // Its node may already have been reused by a panel plugged back in.
      addTouchDevices()
      return
    }
    let now = MonotonicClock.now()
    let content = presenter.content(of: controller.flow.screen, at: now)
    let layout = presenter.layout
    let transform = entry.transform
    for event in events {
      guard let frame = entry.panel.decoder.feed(event) else { continue }
      // The touch that wakes a dark panel is swallowed whole: it never becomes a rating.
      if case .down = frame, !entry.swallowing, presenter.touched(at: now) {
        entry.swallowing = true
        presenter.present(controller.flow.screen, at: now)
      }
      if entry.swallowing {
        if case .down = frame { continue }
        entry.swallowing = false
        continue
      }
      let target = entry.taps.feed(frame) { x, y in
        let point = transform.apply(x: x, y: y)
        return layout?.target(atX: point.x * layout!.width, y: point.y * layout!.height, on: content)
      }
      if let target { controller.tap(target, at: now) }
    }
    touches[fd] = entry
  }

  /// Runs until the process is stopped.
  public func run() throws {
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
    var faults: [String] = []
    if case .outOfService(let fault) = controller.flow.screen { faults.append(fault) }
    let screen =
      headless
      ? "headless"
      : presenter.displayDescriptor == nil
        ? "E-DISPLAY: no display" : presenter.problem.map { "E-DISPLAY: \($0)" } ?? "ok"
    if screen.hasPrefix("E-") { faults.append("E-DISPLAY") }
    if !headless && touches.isEmpty && !faults.contains(Self.noTouchFault) {
      faults.append(Self.noTouchFault)
    }
    let touch = headless ? "headless" : touches.isEmpty ? "none" : "ok (\(touches.count) panels)"
    return DeviceHealth(screen: screen, touch: touch, faults: faults)
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
    if presenter.displayDescriptor == nil { systemd.ready(status: status) }
    loop.run(nextDeadline: nextWake) { now in
      self.controller.advance(to: now)
      self.updateTouchFault()  // a prompt that was open when the last panel went has ended now
      self.presenter.update(self.controller.flow.screen, at: now)
      self.pingWatchdog(at: now)
      self.pruneIfDue(at: now)
      afterEachTurn(now)
    }
  }

  /// The earliest of the flow's next timeout, the next watchdog ping and the next pruning.
  private func nextWake() -> FlowInstant? {
    let now = MonotonicClock.now()
    var wake = [
      controller.flow.nextDeadline, nextPrune, presenter.nextChange(of: controller.flow.screen, at: now),
    ]
    .compactMap { $0 }
    if systemd.watchdogInterval != nil { wake.append(nextWatchdogPing) }
    return wake.min()
  }

  private func pruneIfDue(at now: FlowInstant) {
    guard now >= nextPrune else { return }
    nextPrune = now + Self.pruneInterval
    do {
      let pruned = try ledger.prune(now: .now(), retention: .seconds(configuration.retentionDays * 86_400))
      if pruned > 0 {
        logger.info("pruned \(pruned) acknowledged records older than \(configuration.retentionDays) days")
      }
    } catch {
      logger.error("pruning the ledger failed: \(error)")
    }
  }

  private func pingWatchdog(at now: FlowInstant) {
    guard let interval = systemd.watchdogInterval, now >= nextWatchdogPing else { return }
    systemd.ping()
    // Half the interval, as sd_watchdog_enabled(3) recommends.
    nextWatchdogPing = now + interval / 2
  }

  /// Runs headless: plays `script` as counter system and citizen, then stops once the pad is idle again.
  public func run(script: TapScript) throws {
    network?.start(desk: self)
    let finished = Atomic(false)
    let loop = self.loop
    let thread = Thread { [self] in
      for step in script.steps {
        switch step {
        case .wait(let duration):
          Thread.sleep(forTimeInterval: Double(duration.nanoseconds) / 1e9)
        case .open(let transaction):
          loop.post { self.openPrompt(self.source(for: transaction)) }
        case .openFree:
          loop.post { self.openPrompt(.free) }
        case .tap(let target):
          loop.post { self.controller.tap(target, at: MonotonicClock.now()) }
        }
      }
      loop.post { finished.value = true }
    }
    thread.start()
    runLoop { _ in
      if finished.value && self.controller.flow.screen == .idle { loop.stop() }
    }
  }

  /// The prompt source for a transaction, with the window, department and clerk this device
  /// stands for filled in where the counter system left them out.
  func source(for transaction: Transaction) -> PromptSource {
    let completed =
      (try? Transaction(
        number: transaction.number, serviceItemCode: transaction.serviceItemCode,
        serviceItemName: transaction.serviceItemName,
        staffNumber: transaction.staffNumber.isEmpty
          ? configuration.clerk.staffNumber : transaction.staffNumber,
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

/// A value shared between the script thread and the loop thread.
private final class Atomic<Value: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: Value
  init(_ value: Value) { stored = value }
  var value: Value {
    get { lock.withLock { stored } }
    set { lock.withLock { stored = newValue } }
  }
}
