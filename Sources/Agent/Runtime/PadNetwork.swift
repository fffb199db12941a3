import Foundation
import RatingFlow
import RatingModel
import RecordChain
import Synchronization
import HubLink
import Ledger
import Logging
import SyncProtocol

/// The pad's network side, started beside the event loop: the HTTP API and the push client share
/// one sync connection to the ledger, one status and one set of metrics.
final class PadNetwork: Sendable {
  let status = LinkStatus()
  let metrics = LinkMetrics()
  private let ledger: SyncLedger
  private let configuration: AgentConfiguration
  private let key: DeviceKey
  /// How the key came to be, when the ledger started over: presented in the card and every page.
  private let handovers: [WireKeyHandover]
  private let logger: Logger
  private let push: PushClient?
  private let pushTask = Mutex<Task<Void, Never>?>(nil)
  private let server = Mutex<PadServer?>(nil)

  /// Opens the sync connection and makes the push client; nothing listens or sends until `start`.
  init(configuration: AgentConfiguration, key: DeviceKey, handovers: [WireKeyHandover], logger: Logger) throws
  {
    self.configuration = configuration
    self.key = key
    self.handovers = handovers
    self.logger = logger
    ledger = try SyncLedger(
      path: configuration.paths.ledger, device: key.publicKey.fingerprint, handovers: handovers)
    let metrics = self.metrics
    push = try configuration.push.map { [ledger, status] settings in
      try PushClient(settings: settings, ledger: ledger, status: status, metrics: metrics, logger: logger)
    }
  }

  /// The device card the hub enrols.
  var card: DeviceCard {
    let device = configuration.device
    return DeviceCard(
      fingerprint: key.publicKey.fingerprint, publicKey: key.publicKey.base64, areaCode: device.areaCode,
      department: device.department, hall: device.hall, window: device.window,
      channel: device.channel.rawValue,
      channelCode: device.channel.provincialCode, software: RatingpadCommand.configuration.version,
      handovers: handovers)
  }

  /// Starts listening and pushing. A port that cannot be bound is logged, and rating goes on.
  func start(desk: any PadDesk) {
    if let api = configuration.api {
      do {
        let padServer = try PadServer(
          api: PadAPI(
            settings: api, ledger: ledger, key: key, card: card, desk: desk, status: status, metrics: metrics),
          logger: logger)
        server.withLock { $0 = padServer }
        Task { [logger] in
          if let port = await padServer.port() {
            logger.info("API listening on \(api.host):\(port)")
          } else {
            logger.critical("\(FaultCode.api("cannot listen on \(api.host):\(api.port)").logLine)")
          }
        }
      } catch {
        logger.critical("\(FaultCode.api("\(error)").logLine)")
      }
    }
    if let push {
      pushTask.withLock { $0 = Task { await push.run() } }
    }
  }

  /// Records were committed: count them and send them.
  func committed(_ entries: [LedgerEntry]) {
    for entry in entries { metrics.recorded(kind: entry.kind.rawValue, level: entry.level?.rawValue) }
    push?.nudge()
  }
}
