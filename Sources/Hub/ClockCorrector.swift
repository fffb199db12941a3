import Logging

/// Re-dates records written while a pad's clock was unknown (`ClockCorrection`) after the page
/// that brought a known record of their boot is stored, one job at a time, in the order they
/// came: the page's acknowledgement never waits for it. What a stop interrupts is found again by
/// the sweep at the next start.
actor ClockCorrector {
  private let store: any HubStore
  private let logger: Logger
  private var pending: [(device: String, boots: Set<String>)] = []
  private var running: Task<Void, Never>?

  init(store: any HubStore, logger: Logger) {
    self.store = store
    self.logger = logger
  }

  /// Queues the re-dating of the device's uncorrected records of `boots`.
  func schedule(device: String, boots: Set<String>) {
    guard !boots.isEmpty else { return }
    pending.append((device, boots))
    if running == nil { running = Task { await work() } }
  }

  /// Queues every boot the store still holds uncorrected records of (at the hub's start).
  func sweep() async throws {
    var boots: [String: Set<String>] = [:]
    for (device, boot) in try await store.bootsWithUncorrectedClocks() {
      boots[device, default: []].insert(boot)
    }
    for (device, deviceBoots) in boots.sorted(by: { $0.key < $1.key }) {
      schedule(device: device, boots: deviceBoots)
    }
  }

  /// Returns once every queued job is done.
  func settled() async {
    while let running { await running.value }
  }

  private func work() async {
    while !pending.isEmpty {
      let (device, boots) = pending.removeFirst()
      do {
        let count = try await store.correctClocks(device: device, boots: boots)
        if count > 0 {
          logger.info("device \(device): re-dated \(count) records written while its clock was unknown")
        }
      } catch {
        logger.error(
          "device \(device): cannot re-date its records yet (the next start tries again): \(error)")
      }
    }
    running = nil
  }
}
