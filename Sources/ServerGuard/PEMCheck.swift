import Foundation
import NIOSSL

/// Checks provisioned PEM files before anything relies on them, naming what is wrong.
public enum PEMCheck {
  /// The file holds at least one certificate.
  public static func certificates(at path: String) throws(TLSFileError) {
    let data = try readable(path)
    let certificates: [NIOSSLCertificate]
    do { certificates = try NIOSSLCertificate.fromPEMBytes(Array(data)) } catch {
      throw TLSFileError("\(path): not a PEM certificate (\(error))")
    }
    if certificates.isEmpty { throw TLSFileError("\(path): holds no certificate") }
  }

  /// The file holds a private key.
  public static func privateKey(at path: String) throws(TLSFileError) {
    let data = try readable(path)
    do { _ = try NIOSSLPrivateKey(bytes: Array(data), format: .pem) } catch {
      throw TLSFileError("\(path): not a PEM private key (\(error))")
    }
  }

  private static func readable(_ path: String) throws(TLSFileError) -> Data {
    guard FileManager.default.fileExists(atPath: path) else { throw TLSFileError("\(path): no such file") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TLSFileError("\(path): cannot be read (\(String(cString: strerror(errno))))")
    }
    return data
  }
}

/// A TLS file that cannot be used: which one, and why.
public struct TLSFileError: Error, Equatable, CustomStringConvertible {
  /// The file and what is wrong with it.
  public let problem: String

  init(_ problem: String) { self.problem = problem }

  public var description: String { "TLS: \(problem)" }
}
