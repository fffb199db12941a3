import Crypto
import Foundation
import Glibc
import RecordChain

/// The device's Ed25519 signing key, in a file only the agent can read.
public struct DeviceKey: Sendable {
  /// The private key's raw bytes (kept as bytes: swift-crypto's key types are not Sendable).
  private let raw: [UInt8]
  /// The public key the hub verifies signatures with.
  public let publicKey: DevicePublicKey

  private init(privateKey: Curve25519.Signing.PrivateKey) {
    raw = Array(privateKey.rawRepresentation)
    publicKey = DevicePublicKey(key: privateKey.publicKey)
  }

  /// Loads the key at `path`, creating it (mode 0600) when no file exists.
  public static func loadOrCreate(path: String) throws(LedgerError) -> DeviceKey {
    if FileManager.default.fileExists(atPath: path) { return try load(path: path) }
    let key = Curve25519.Signing.PrivateKey()
    let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
    guard fd >= 0 else {
      throw .deviceKey(path: path, problem: "cannot create (\(String(cString: strerror(errno))))")
    }
    defer { close(fd) }
    let raw = Array(key.rawRepresentation)
    guard write(fd, raw, raw.count) == raw.count, fsync(fd) == 0 else {
      throw .deviceKey(path: path, problem: "cannot write (\(String(cString: strerror(errno))))")
    }
    return DeviceKey(privateKey: key)
  }

  /// Loads an existing key, refusing one that group or others could read.
  public static func load(path: String) throws(LedgerError) -> DeviceKey {
    var info = stat()
    guard stat(path, &info) == 0 else {
      throw .deviceKey(path: path, problem: "cannot read (\(String(cString: strerror(errno))))")
    }
    guard info.st_mode & 0o077 == 0 else {
      throw .deviceKey(
        path: path,
        problem: "is readable by others (mode \(String(info.st_mode & 0o777, radix: 8))); it must be 0600")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .deviceKey(path: path, problem: "cannot read")
    }
    do {
      return DeviceKey(privateKey: try Curve25519.Signing.PrivateKey(rawRepresentation: data))
    } catch {
      throw .deviceKey(path: path, problem: "is not an Ed25519 private key (\(data.count) bytes)")
    }
  }

  func sign(_ hash: [UInt8]) throws -> [UInt8] {
    Array(try Curve25519.Signing.PrivateKey(rawRepresentation: raw).signature(for: hash))
  }
}
