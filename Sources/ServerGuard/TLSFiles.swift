import HummingbirdCore
import HummingbirdTLS
import NIOSSL

/// A TLS certificate chain and its private key, PEM files provisioned onto the machine.
public struct TLSFiles: Sendable, Hashable {
  /// The certificate chain.
  public var certificate: String
  /// The private key, readable only by the server.
  public var privateKey: String

  /// Names the files.
  public init(certificate: String, privateKey: String) {
    self.certificate = certificate
    self.privateKey = privateKey
  }

  /// `http1` behind TLS 1.2 or later with these files; the error names the file that cannot be used.
  /// The handshake is held to `http1`'s idle timeout (see `ConnectionLimits`).
  public func httpsServer(around http1: HTTPServerBuilder) throws(TLSFileError) -> HTTPServerBuilder {
    try PEMCheck.certificates(at: certificate)
    try PEMCheck.privateKey(at: privateKey)
    do {
      let chain = try NIOSSLCertificate.fromPEMFile(certificate).map {
        NIOSSLCertificateSource.certificate($0)
      }
      let key = try NIOSSLPrivateKey(file: privateKey, format: .pem)
      var configuration = TLSConfiguration.makeServerConfiguration(
        certificateChain: chain, privateKey: .privateKey(key))
      configuration.minimumTLSVersion = .tlsv12
      return try .tls(http1, tlsConfiguration: configuration)
    } catch {
      // Each file reads on its own, so the pair is what is wrong (e.g. a key of another certificate).
      throw TLSFileError("\(certificate) / \(privateKey): \(error)")
    }
  }
}
