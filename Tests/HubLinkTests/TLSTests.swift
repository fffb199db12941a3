import AsyncHTTPClient
import Foundation
import HubLink
import NIOSSL
import SyncProtocol
import SyncTestSupport
import Testing

/// Certificates made by openssl for one test: a CA, a server certificate for 127.0.0.1 signed by
/// it, and a second CA nobody provisioned.
final class TestCertificates {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tls-\(UUID().uuidString)")
    .path
  var authority: String { directory + "/ca.pem" }
  var stranger: String { directory + "/stranger-ca.pem" }
  var server: TLSFiles {
    TLSFiles(certificate: directory + "/server.pem", privateKey: directory + "/server.key")
  }

  init() throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let script = """
      set -e
      for ca in ca stranger-ca; do
        openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=$ca" \\
          -keyout $ca.key -out $ca.pem 2>/dev/null
      done
      openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj /CN=127.0.0.1 \\
        -keyout server.key -out server.csr 2>/dev/null
      printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\n' > san.ext
      openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext \\
        -out server.pem 2>/dev/null
      """
    let result = try runTool("/bin/sh", ["-c", script], in: directory)
    guard result == 0 else { throw CertificateError() }
  }

  /// A client trusting `authority` only.
  func client(trusting authority: String) -> HTTPClient {
    var tls = TLSConfiguration.makeClientConfiguration()
    tls.trustRoots = .file(authority)
    var configuration = HTTPClient.Configuration()
    configuration.tlsConfiguration = tls
    configuration.timeout.connect = .seconds(2)  // a refused handshake is retried until this
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }
}

func runTool(_ path: String, _ arguments: [String], in directory: String) throws -> Int32 {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  process.currentDirectoryURL = URL(fileURLWithPath: directory)
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus
}

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
    #expect(await HubProbe.check(settings, device: fingerprint) == .accepted)
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

/// openssl failed to make the test certificates.
struct CertificateError: Error, CustomStringConvertible {
  var description: String { "openssl could not make the test certificates" }
}
