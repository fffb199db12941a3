import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import ProvinceInterface
import RecordChain
import ServerGuard
import SyncProtocol

/// The running hub: store, intake, push server and one pull loop per pad with a URL.
public struct HubService: Sendable {
  let configuration: HubConfiguration
  let store: any HubStore
  /// The cases the counter system sent, with `[cases]`: what the case API writes and the province
  /// forwarder reads (`caseDetails`) and acknowledges (`markForwarded`).
  let cases: (any CaseStore)?
  let logger: Logger

  /// Opens the store the configuration names.
  public init(configuration: HubConfiguration, logger: Logger) async throws {
    self.configuration = configuration
    self.logger = logger
    let store = try await HubStores.open(configuration.database, logger: logger)
    try await store.prepare()
    self.store = store
    // Before any record is taken: a bad rating stored from now on is enqueued for every webhook.
    store.configureAlerts(webhooks: configuration.webhooks.map(\.name))
    cases = configuration.cases.map { store.cases(sealing: $0.seal, retentionDays: $0.retentionDays) }
    for pad in configuration.pads {
      if let key = pad.publicKey { try await enrol(pad, publicKey: key) }
    }
  }

  private func enrol(_ pad: PadEntry, publicKey: String) async throws {
    let key = try DevicePublicKeyText.parse(publicKey, pad: pad.name)
    try await store.enrol(
      DeviceCard(
        fingerprint: key.fingerprint, publicKey: publicKey, areaCode: "", department: "", hall: "",
        window: "",
        channel: "", channelCode: 0, software: ""), name: pad.name)
  }

  /// Serves pushes and pulls every pad until cancelled; `onListening` gets the bound port.
  public func run(
    onListening: @escaping @Sendable (Int) async -> Void = { _ in },
    onConsoleListening: @escaping @Sendable (Int) async -> Void = { _ in }
  ) async throws {
    let intake = HubIntake(store: store, logger: logger)
    do { try await intake.correctClocksLeftOver() } catch {
      logger.error("cannot look for records left to re-date: \(error)")
    }
    for pad in configuration.pads where pad.url != nil && pad.sharesOneToken {
      // Whoever answers a pull learns the token the hub presents: it must not be the one the pad
      // pushes with.
      logger.warning(
        "pad \(pad.name): one token serves both ways; give it a pull_token_file (the pad's hub_token_file) apart from its push token_file"
      )
    }
    var server = HubServer(pads: configuration.pads, intake: intake)
    let uplinkMetrics = UplinkMetrics()
    if configuration.uplink != nil { server.uplinkMetrics = (uplinkMetrics, store) }
    if let token = configuration.cases?.token, let cases {
      server.cases = CaseAPI(token: token, store: cases)
    }
    var http = HTTPServerBuilder.http1(configuration: configuration.connections.http1Configuration())
    if let tls = configuration.tls { http = try tls.httpsServer(around: http) }
    let application = Application(
      router: server.router(), server: http,
      configuration: .init(
        address: .hostname(configuration.host, port: configuration.port),
        availableConnectionsDelegate: configuration.connections.acceptLimit),
      onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) }, logger: logger)
    // With a private CA, a client of the hub's own, shut down when the service ends.
    let ownClient = configuration.certificateAuthority.map(Self.pullClient(trusting:))
    let client = ownClient ?? HTTPClient.shared
    // The province is no pad: its client trusts the uplink's own authority, or the system's roots.
    let provinceClient = configuration.uplink?.certificateAuthority.map(Self.pullClient(trusting:))
    // This instance, among the hubs that may share the database, for the pull leases.
    let holder = UUID().uuidString.lowercased()
    let lease = max(.seconds(30), configuration.pullInterval * 3)
    let console = try configuration.console.map { console in
      try consoleApplication(console, intake: intake, onListening: onConsoleListening)
    }
    do {
      try await serve(
        application, console: console, pulling: client, holder: holder, lease: lease, intake: intake,
        uplinkMetrics: uplinkMetrics, provinceClient: provinceClient)
    } catch {
      try? await ownClient?.shutdown()
      try? await provinceClient?.shutdown()
      throw error
    }
    try? await ownClient?.shutdown()
    try? await provinceClient?.shutdown()
  }

  private func serve(
    _ application: some ApplicationProtocol,
    console: (application: any ApplicationProtocol, live: LiveRatings)?,
    pulling client: HTTPClient, holder: String, lease: Duration,
    intake: HubIntake, uplinkMetrics: UplinkMetrics, provinceClient: HTTPClient?
  ) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
      group.addTask { try await application.runService(gracefulShutdownSignals: [.sigterm, .sigint]) }
      if let console {
        // Stopped with the hub: the task group is cancelled when the push server ends.
        group.addTask { try await console.application.runService(gracefulShutdownSignals: []) }
        group.addTask { await console.live.run() }
      }
      if let cases {
        group.addTask { [logger] in await Self.forgetIdentities(in: cases, logger: logger) }
      }
      if let uplink = configuration.uplink {
        let forwarder = UplinkForwarder(
          outbox: store,
          client: ProvinceClient(
            profile: uplink.profile, connection: uplink.connection, http: provinceClient ?? HTTPClient.shared,
            logger: logger),
          configuration: uplink,
          caseValues: { [cases] number in try await cases?.caseDetails(number: number)?.uplinkValues ?? [:] },
          forwarded: { [cases] number in
            _ = try? await cases?.markForwarded(number: number, at: UnixMilliseconds.now())
          },
          holder: uplink.instance ?? Self.instanceName(port: configuration.port),
          wake: intake.stored, metrics: uplinkMetrics, logger: logger)
        logger.info(
          "uplink: forwarding to \(uplink.profile.name) at \(uplink.connection.baseURL) as \(forwarder.holder)"
        )
        group.addTask {
          await forwarder.run()
        }
      }
      if !configuration.webhooks.isEmpty {
        let deliverer = AlertDeliverer(
          outbox: store, webhooks: configuration.webhooks,
          holder: configuration.uplink?.instance ?? Self.instanceName(port: configuration.port),
          wake: intake.storedBadRating, logger: logger, consoleURL: configuration.console?.url)
        logger.info("alerts: bad ratings go to \(configuration.webhooks.map(\.name).joined(separator: ", "))")
        group.addTask { await deliverer.run() }
      }
      for pad in configuration.pads where pad.url != nil {
        let puller = PadPuller(pad: pad, intake: intake, store: store, client: client, logger: logger)
        group.addTask { [configuration, logger] in
          // A pad that stays unreachable is logged once, and again when it answers.
          var lastProblem: String?
          var leased = true
          while !Task.isCancelled {
            do {
              let held = try await store.leasePull(of: pad.name, by: holder, for: lease)
              if held != leased {
                logger.info("pull of \(pad.name): \(held ? "this" : "another") hub instance pulls it")
              }
              leased = held
              guard held else {
                try? await Task.sleep(for: configuration.pullInterval)
                continue
              }
              let stored = try await puller.pullOnce()
              if lastProblem != nil { logger.notice("pull from \(pad.name): reachable again") }
              lastProblem = nil
              if stored > 0 { logger.info("pulled \(stored) records from \(pad.name)") }
            } catch {
              let problem = "\(error)"
              if problem != lastProblem { logger.warning("pull from \(pad.name): \(problem)") }
              lastProblem = problem
            }
            try? await Task.sleep(for: configuration.pullInterval)
          }
        }
      }
      try await group.next()
      group.cancelAll()
    }
  }
}

extension HubService {
  /// The console's server (`[console]`) on its own port, speaking TLS when the hub does, and its
  /// live feed.
  func consoleApplication(
    _ console: ConsoleConfiguration, intake: HubIntake, onListening: @escaping @Sendable (Int) async -> Void
  ) throws -> (application: any ApplicationProtocol, live: LiveRatings) {
    let live = LiveRatings(store: store, wake: intake.storedForConsole, logger: logger)
    var server = ConsoleServer(
      store: store, configuration: console, live: live, secureCookies: configuration.tls != nil,
      logger: logger)
    server.pullInterval = configuration.pullInterval
    server.uplinkProvince = configuration.uplink?.profile.name
    var limits = configuration.connections
    // A live page holds its connection open; ticks keep it from idling out.
    limits.maximumConnections = max(limits.maximumConnections, 64)
    var http = HTTPServerBuilder.http1(configuration: limits.http1Configuration())
    if let tls = configuration.tls { http = try tls.httpsServer(around: http) }
    let application = Application(
      router: server.router(), server: http,
      configuration: .init(
        address: .hostname(console.host, port: console.port), serverName: nil,
        availableConnectionsDelegate: limits.acceptLimit),
      onServerRunning: { channel in
        let port = channel.localAddress?.port ?? 0
        logger.info("console listening on port \(port)")
        await onListening(port)
      }, logger: logger)
    return (application, live)
  }

  /// This instance's name in the outbox's leases, unless configured: the host and the port it
  /// listens on, so a restart takes its own leases back; with port 0, the process (a restart waits
  /// for its leases to run out).
  static func instanceName(port: Int) -> String {
    let host = ProcessInfo.processInfo.hostName
    return port == 0 ? "\(host):pid-\(ProcessInfo.processInfo.processIdentifier)" : "\(host):\(port)"
  }

  /// How often identities past their retention are forgotten on a running hub.
  static let forgettingInterval: Duration = .seconds(3600)

  /// Forgets applicants' identities past their retention, at start and every `forgettingInterval`,
  /// until cancelled; a store that cannot answer is logged and asked again next time.
  static func forgetIdentities(in cases: any CaseStore, logger: Logger) async {
    while !Task.isCancelled {
      do {
        let forgotten = try await cases.forgetExpiredIdentities(now: UnixMilliseconds.now())
        if forgotten > 0 { logger.info("forgot the applicant identity of \(forgotten) forwarded cases") }
      } catch {
        logger.warning("cannot forget applicant identities past their retention: \(error)")
      }
      try? await Task.sleep(for: forgettingInterval)
    }
  }

  /// A client for pulls trusting the certificates of `authority` alone (names still verified).
  static func pullClient(trusting authority: String) -> HTTPClient {
    var configuration = HTTPClient.Configuration()
    configuration.tlsConfiguration = ClientTLS.configuration(trusting: authority)
    configuration.timeout = .init(connect: .seconds(10), read: .seconds(30))
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }
}
