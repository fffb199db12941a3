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
    return try create(path: path)
  }

  /// Loads the key that signs the ledger at `ledgerPath`, creating one only for a ledger that
  /// has no record yet. A ledger with records whose key is missing, empty or unreadable is never
  /// signed on with a new key: that would end its chain unnoticed (`deviceKeyLost`).
  public static func loadOrCreate(path: String, ledger ledgerPath: String) throws(LedgerError) -> DeviceKey {
    let problem: String
    switch keyFile(at: path) {
    case .present:
      do { return try load(path: path) } catch { problem = "\(error)" }
    case .missing: problem = "device key \(path) is missing"
    case .empty: problem = "device key \(path) is empty"
    }
    let records = LedgerStore.recordsEverWritten(path: ledgerPath)
    guard records == 0 else {
      throw .deviceKeyLost(problem: problem, ledger: ledgerPath, records: records)
    }
    if case .present = keyFile(at: path) { throw .deviceKey(path: path, problem: problem) }
    return try create(path: path)
  }

  enum KeyFile { case missing, empty, present }

  static func keyFile(at path: String) -> KeyFile {
    var info = stat()
    guard stat(path, &info) == 0 else { return errno == ENOENT ? .missing : .present }
    return info.st_size == 0 ? .empty : .present
  }

  /// Makes a new key at `path`, replacing whatever is there, atomically: written to a temporary
  /// file in the same directory, fsync'd, renamed over `path`, and the directory fsync'd, so a
  /// power cut leaves either no key, the old file, or the whole new key; never an empty one.
  public static func create(path: String) throws(LedgerError) -> DeviceKey {
    let key = DeviceKey(privateKey: Curve25519.Signing.PrivateKey())
    try key.write(to: path)
    return key
  }

  /// A new key, not yet on disk (a handover signs it before it is written).
  static func generate() -> DeviceKey { DeviceKey(privateKey: Curve25519.Signing.PrivateKey()) }

  /// Writes the key to `path` atomically (`AtomicFile`), mode 0600.
  func write(to path: String) throws(LedgerError) {
    do { try AtomicFile.write(raw, to: path) } catch {
      throw .deviceKey(path: path, problem: error.description)
    }
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
