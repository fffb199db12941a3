import AsyncHTTPClient
import Foundation
import ServerGuard

/// Certificates made by openssl for one test: a CA, a server certificate for 127.0.0.1 signed by
/// it, and a second CA nobody provisioned.
package final class TestCertificates: @unchecked Sendable {
  package let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "tls-\(UUID().uuidString)"
  )
  .path
  package var authority: String { directory + "/ca.pem" }
  package var stranger: String { directory + "/stranger-ca.pem" }
  package var server: TLSFiles {
    TLSFiles(certificate: directory + "/server.pem", privateKey: directory + "/server.key")
  }

  package init() throws {
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
  package func client(trusting authority: String) -> HTTPClient {
    var configuration = HTTPClient.Configuration()
    configuration.tlsConfiguration = ClientTLS.configuration(trusting: authority)
    configuration.timeout.connect = .seconds(2)  // a refused handshake is retried until this
    return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }
}

/// Runs `path` with `arguments` in `directory`; its exit status.
package func runTool(_ path: String, _ arguments: [String], in directory: String) throws -> Int32 {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  process.currentDirectoryURL = URL(fileURLWithPath: directory)
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus
}

/// openssl failed to make the test certificates.
package struct CertificateError: Error, CustomStringConvertible {
  package var description: String { "openssl could not make the test certificates" }
}

/// The first bytes of a TLS ClientHello, its record header promising more that never comes: a
/// client stalled (or a flood holding sockets) in the middle of its handshake.
package let partialClientHello = "\u{16}\u{03}\u{01}\u{00}\u{40}\u{01}\u{00}"
