import AsyncHTTPClient
import Foundation
import Hub
import Ledger
import SyncProtocol
import SyncTestSupport
import TestSupport
import Testing

/// The real `ratingpad-hub` and `ratingpad` on loopback over TLS with a private CA: the hub serving
/// HTTPS to pushing pads, and pulling pads whose API serves HTTPS, trusting that CA alone. One at a
/// time: each starts processes, and at once they would crowd the floods other suites time.
@Suite(.serialized) struct HubTLSTests {
  @Test func aPadPushesOverHTTPSToAHubServingTLS() async throws {
    let hall = try await TLSHall.make()
    let hub = try hall.startHub(
      """
      tls_certificate = "\(hall.certificates.server.certificate)"
      tls_key = "\(hall.certificates.server.privateKey)"
      """)
    defer { hub.stop() }
    try await eventually("the hub listening") { hub.port != nil }
    let hubURL = "https://127.0.0.1:\(hub.port!)"
    // It speaks HTTPS, with the certificate the CA signed.
    let trusted = hall.certificates.client(trusting: hall.certificates.authority)
    let health = try await trusted.execute(HTTPClientRequest(url: hubURL + "/health"), timeout: .seconds(10))
    #expect(health.status.code == 200)
    try await trusted.shutdown()

    let config = try hall.padConfig(
      """
      [push]
      url = "\(hubURL)/v1/push"
      token_file = "\(hall.directory)/push.token"
      certificate_authority = "\(hall.certificates.authority)"
      enrolment_recheck_seconds = 1
      """)
    let head = try await hall.rate(config)
    let key = try DeviceKey.load(path: hall.directory + "/state/device.key")
    let provisioning = try provisioningFile(hall.directory, token: hall.pushToken)
    let code = EnrolmentCode(deviceID: "640181-7-pad", key: key.publicKey).text
    let enrolled = try await onOwnThread {
      try runHub(["enrol", "--database", hall.database, "--provisioning", provisioning, "--code", code])
    }
    #expect(enrolled.status == 0, "\(enrolled.output)")

    let agent = try PadProcess(config: config, directory: hall.directory)
    defer { agent.stop() }
    let store = try SQLHubStore(sqlitePath: hall.database)
    try await eventually(within: .seconds(60), "every record at the hub, pushed over HTTPS") {
      try await store.device(key.publicKey.fingerprint)?.lastSeq ?? 0 >= head
    }
    // Each record once (the running agent may have added some since).
    let reached = try #require(try await store.device(key.publicKey.fingerprint)?.lastSeq)
    #expect(try await store.count() == Int(reached), "pad log: \(agent.logText.suffix(2_000))")
  }

  @Test func theHubPullsAPadServingTLSTrustingItsCertificateAuthority() async throws {
    let hall = try await TLSHall.make()
    let pad = try await hall.startTLSPad()
    defer { pad.agent.stop() }
    let hub = try hall.startHub(
      pulling: pad.url, pinned: pad.fingerprint, trusting: hall.certificates.authority)
    defer { hub.stop() }
    try await eventually("the hub listening") { hub.port != nil }

    let store = try SQLHubStore(sqlitePath: hall.database)
    try await eventually(within: .seconds(60), "every record at the hub, pulled over HTTPS") {
      try await store.device(pad.fingerprint)?.lastSeq ?? 0 >= pad.head
    }
    let reached = try #require(try await store.device(pad.fingerprint)?.lastSeq)
    #expect(try await store.count() == Int(reached), "hub log: \(hub.logText.suffix(2_000))")
  }

  @Test func aPadWhoseCertificateTheCADidNotSignIsNotPulledAndTheHubServesOn() async throws {
    let hall = try await TLSHall.make()
    let pad = try await hall.startTLSPad()
    defer { pad.agent.stop() }
    // The pad's certificate is signed by the hall's CA, but the hub trusts another one only.
    let hub = try hall.startHub(
      pulling: pad.url, pinned: pad.fingerprint, trusting: hall.certificates.stranger)
    defer { hub.stop() }
    try await eventually("the hub listening") { hub.port != nil }
    try await eventually(within: .seconds(60), "the failed pull logged") {
      hub.logText.contains("pull from window-7:")
    }
    let logged = hub.logText
    print(logged.split(separator: "\n").first { $0.contains("pull from window-7:") } ?? "")
    #expect(logged.contains("certificate"), "hub log: \(logged.suffix(2_000))")
    #expect(logged.contains(pad.url), "the log names the pad's address: \(logged.suffix(2_000))")
    let store = try SQLHubStore(sqlitePath: hall.database)
    #expect(try await store.count() == 0)
    #expect(try await store.device(pad.fingerprint) == nil, "nothing was taken from an untrusted pad")
    // Still serving.
    #expect(hub.process.isRunning)
    let health = try await HTTPClient.shared.execute(
      HTTPClientRequest(url: "http://127.0.0.1:\(hub.port!)/health"), timeout: .seconds(10))
    #expect(health.status.code == 200)
  }

  @Test func aCertificateWithoutItsKeyIsRefusedNamingTheKey() async throws {
    let hall = try await TLSHall.make()
    let config = try hall.hubConfig(
      """
      tls_certificate = "\(hall.certificates.server.certificate)"
      """)
    let refused = try await onOwnThread { try runHub(["serve", "--config", config]) }
    #expect(refused.status != 0)
    #expect(refused.output.contains("tls_key"), "\(refused.output)")
    #expect(refused.output.contains("hub.toml"), "the error names the file: \(refused.output)")

    // And a key file that is not one: the error names the file.
    let wrongKey = try hall.hubConfig(
      """
      tls_certificate = "\(hall.certificates.server.certificate)"
      tls_key = "\(hall.certificates.server.certificate)"
      """)
    let unusable = try await onOwnThread { try runHub(["serve", "--config", wrongKey]) }
    #expect(unusable.status != 0)
    #expect(
      unusable.output.contains("tls_key") && unusable.output.contains("not a PEM private key")
        && unusable.output.contains(hall.certificates.server.certificate), "\(unusable.output)")
  }

  @Test func aTLSHandshakeNeverFinishedIsClosedAtTheIdleTimeout() async throws {
    let hall = try await TLSHall.make()
    let hub = try hall.startHub(
      """
      idle_timeout_seconds = 1
      tls_certificate = "\(hall.certificates.server.certificate)"
      tls_key = "\(hall.certificates.server.privateKey)"
      """)
    defer { hub.stop() }
    try await eventually("the hub listening") { hub.port != nil }
    let port = hub.port!
    // Fewer than the cap: only the timeout closes them. Silent connections, and ones that stop
    // halfway through their ClientHello.
    let silent = try await onOwnThread { try HalfSentFlood(port: port, count: 3, sending: "") }
    let halfway = try await onOwnThread {
      try HalfSentFlood(port: port, count: 3, sending: partialClientHello)
    }
    try await onOwnThread {
      silent.waitUntilClosed(within: .seconds(10))
      halfway.waitUntilClosed(within: .seconds(10))
    }
    #expect(silent.closedCount == 3 && halfway.closedCount == 3)
    // 1 s configured; the bound leaves room for a loaded machine, far below the 10 s default.
    #expect((silent.longestHeld ?? .seconds(99)) < .seconds(8))
    #expect((halfway.longestHeld ?? .seconds(99)) < .seconds(8))
  }
}

/// A hall on loopback for one test: the CA and certificates, the tokens, a hub database, and the
/// files the hub and a pad read. What waits for a process (openssl, the agent's scripted run, a
/// hub command) waits on a thread of its own: the test process shares a cooperative pool of one
/// thread per core with servers other suites time.
final class TLSHall: Sendable {
  let certificates: TestCertificates
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hall-\(UUID())").path
  let pushToken = "window-7-push-token-0001"
  let apiToken = "window-7-api-token-00001"
  var database: String { directory + "/hub.sqlite" }

  static func make() async throws -> TLSHall { try await onOwnThread { try TLSHall() } }

  private init() throws {
    certificates = try TestCertificates()
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (name, token) in [("push.token", pushToken), ("api.token", apiToken)] {
      try token.write(toFile: "\(directory)/\(name)", atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: "\(directory)/\(name)")
    }
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }

  /// `hub.toml` listening on a free loopback port, with `lines` added at the top level.
  func hubConfig(_ lines: String) throws -> String {
    let path = directory + "/hub.toml"
    try "listen = \"127.0.0.1:0\"\ndatabase = \"\(database)\"\n\(lines)\n".write(
      toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func startHub(_ lines: String) throws -> HubProcess {
    try HubProcess(config: try hubConfig(lines), directory: directory, name: "hub")
  }

  /// A hub pulling the pad at `url` (its key's fingerprint `pinned`) every second, trusting the
  /// CA of `authority`.
  func startHub(pulling url: String, pinned fingerprint: String, trusting authority: String) throws
    -> HubProcess
  {
    try startHub(
      """
      pull_interval_seconds = 1
      certificate_authority = "\(authority)"
      [[pad]]
      name = "window-7"
      url = "\(url)"
      token_file = "\(directory)/push.token"
      pull_token_file = "\(directory)/api.token"
      fingerprint = "\(fingerprint)"
      """)
  }

  /// `pad.toml` with its API on a free loopback port and `lines` added.
  func padConfig(_ lines: String, apiPort: Int? = nil) throws -> String {
    try PadConfigurationFile(
      directory: directory, stateDirectory: directory + "/state", apiPort: try apiPort ?? freeLoopbackPort(),
      hubTokenFile: directory + "/api.token", extra: lines
    ).path
  }

  /// Three ratings (and what the flow records with them) by the real agent; the ledger's head.
  func rate(_ config: String) async throws -> Int64 {
    let script = directory + "/rate.script"
    try "open BJ-1 1137\nwait 1000\ntap very_dissatisfied\nskip\nopen BJ-2 1137\nwait 1000\ntap satisfied\n"
      .write(toFile: script, atomically: true, encoding: .utf8)
    let scripted = try await onOwnThread {
      try runAgent(["run", "--headless", "--config", config, "--script", script])
    }
    #expect(scripted.status == 0, "\(scripted.output)")
    return try LedgerStore.openForReading(path: directory + "/state/ledger.sqlite").head().seq
  }

  /// A rated pad whose API serves HTTPS with the certificate the hall's CA signed.
  func startTLSPad() async throws -> (agent: PadProcess, url: String, fingerprint: String, head: Int64) {
    let port = try freeLoopbackPort()
    let config = try padConfig(
      """
      tls_certificate = "\(certificates.server.certificate)"
      tls_key = "\(certificates.server.privateKey)"
      """, apiPort: port)
    let head = try await rate(config)
    let agent = try PadProcess(config: config, directory: directory)
    try await eventually(within: .seconds(20), "the agent's API listening") { agent.port != nil }
    let fingerprint = try DeviceKey.load(path: directory + "/state/device.key").publicKey.fingerprint
    return (agent, "https://127.0.0.1:\(port)", fingerprint, head)
  }
}
