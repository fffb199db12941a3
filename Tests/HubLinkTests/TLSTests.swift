import AsyncHTTPClient
import Foundation
import HubLink
import SyncProtocol
import SyncTestSupport
import Testing

@Suite struct TLSTests {
  @Test func theHubPullsOverTLSTrustingTheProvisionedCAAndNothingElseGetsIn() async throws {
    let certificates = try TestCertificates()
    let pad = try TestPad()
    try pad.rate(3)
    try await pad.serve(tls: certificates.server)
    #expect(pad.base.hasPrefix("https://"))

    let trusted = certificates.client(trusting: certificates.authority)
    var request = HTTPClientRequest(url: pad.base + "/v1/records?after=0&limit=10")
    request.headers.add(name: "Authorization", value: pad.hubToken.authorization)
    let response = try await trusted.execute(request, timeout: .seconds(10))
    let page = try RecordPage(jsonBytes: Array(buffer: try await response.body.collect(upTo: 1 << 20)))
    #expect(response.status.code == 200 && page.records.map(\.seq) == [1, 2, 3])
    try await trusted.shutdown()

    // A client that trusts another CA does not complete the handshake, so sends no token.
    let stranger = certificates.client(trusting: certificates.stranger)
    await #expect(throws: (any Error).self) { _ = try await stranger.execute(request, timeout: .seconds(10)) }
    try await stranger.shutdown()
    // Plain HTTP to the TLS port gets no answer.
    let plain = HTTPClientRequest(
      url: pad.base.replacingOccurrences(of: "https://", with: "http://") + "/health")
    await #expect(throws: (any Error).self) {
      _ = try await HTTPClient.shared.execute(plain, timeout: .seconds(5))
    }
    await pad.stop()
  }

  @Test func thePadPushesOverTLSAndTheProbeChecksTheHubsCertificate() async throws {
    let certificates = try TestCertificates()
    let pad = try TestPad()
    let hub = try TestHub()
    try await hub.start(enrolling: pad, tls: certificates.server)
    try pad.rate(5)
    var settings = PushSettings(
      url: hub.pushURL, token: pad.hubToken, certificateAuthority: certificates.authority)
    settings.exchangeTimeout = .seconds(5)

    let fingerprint = pad.key.publicKey.fingerprint
    let accepted = await HubProbe.check(settings, device: fingerprint)
    #expect(accepted == .accepted, "\(accepted)")
    var strangers = settings
    strangers.certificateAuthority = certificates.stranger
    let refused = await HubProbe.check(strangers, device: fingerprint, timeout: .seconds(2))
    #expect(!refused.linkWorks, "\(refused)")

    let push = try PushClient(
      settings: settings, ledger: pad.sync, status: pad.status, metrics: pad.metrics, logger: quietLogger)
    let running = Task { await push.run() }
    try await eventually("the ratings at the hub over TLS") { try await hub.storedSeqs() == [1, 2, 3, 4, 5] }
    running.cancel()
    await running.value
    await hub.stop()
  }
}
