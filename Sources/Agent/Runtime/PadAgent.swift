import Foundation
import Ledger
import Logging
import RatingFlow

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
  private var controller: PadController!
  private var nextWatchdogPing = MonotonicClock.now()
  /// Acknowledged records past retention are pruned at start and then hourly.
  private var nextPrune = MonotonicClock.now()
  private static let pruneInterval = Duration.seconds(3600)

  /// Opens (or creates) the device key and the ledger, and records the boot.
  public init(configuration: AgentConfiguration, logger: Logger) throws {
    self.configuration = configuration
    self.logger = logger
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
    controller = PadController(
      flow: RatingFlow(settings: configuration.flow),
      commit: { [ledger] records in
        for record in records { try ledger.append(LedgerEntry(record, channel: channel), at: .now()) }
      },
      isRated: { [ledger, logger] key in
        do { return try ledger.hasRating(for: key) } catch {
          // Unknown is treated as rated: refusing a prompt is safer than rating a transaction twice.
          logger.error("cannot ask the ledger whether \(key.transactionNumber) was rated: \(error)")
          return true
        }
      },
      show: { [logger] screen in logger.info("screen: \(ScreenDescription.of(screen))") },
      newPromptID: { PromptID(UUID().uuidString.lowercased()) })
  }

  /// Runs until the process is stopped.
  public func run() throws {
    runLoop { _ in }
  }

  /// Runs the event loop: timeouts, systemd readiness and watchdog pings from this very thread.
  private func runLoop(afterEachTurn: @escaping (FlowInstant) -> Void) {
    systemd.ready(status: "ready: \(configuration.device.hall), window \(configuration.device.window)")
    loop.run(nextDeadline: nextWake) { now in
      self.controller.advance(to: now)
      self.pingWatchdog(at: now)
      self.pruneIfDue(at: now)
      afterEachTurn(now)
    }
  }

  /// The earliest of the flow's next timeout, the next watchdog ping and the next pruning.
  private func nextWake() -> FlowInstant? {
    var wake = [controller.flow.nextDeadline, nextPrune].compactMap { $0 }
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
  private func source(for transaction: Transaction) -> PromptSource {
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

  private func openPrompt(_ source: PromptSource) {
    switch controller.open(source, at: MonotonicClock.now()) {
    case .success(let prompt):
      logger.info("prompt \(prompt.id) opened for \(source.transaction?.number ?? "a free rating")")
    case .failure(let refusal):
      logger.warning("prompt refused: \(refusal)")
    }
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
