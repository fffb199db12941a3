import Crypto
import Foundation
import Glibc

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

/// A device's public key, as the hub enrols it.
public struct DevicePublicKey: Sendable, Hashable {
  /// The raw 32 bytes.
  public let raw: [UInt8]

  /// Wraps raw public key bytes (32), e.g. from the hub's enrolment record.
  public init(rawRepresentation: [UInt8]) throws {
    raw = Array(try Curve25519.Signing.PublicKey(rawRepresentation: rawRepresentation).rawRepresentation)
  }

  init(key: Curve25519.Signing.PublicKey) { raw = Array(key.rawRepresentation) }

  /// Base64 of the raw bytes.
  public var base64: String { Data(raw).base64EncodedString() }
  /// A short fingerprint to read out at enrolment: SHA-256 of the key, first 16 bytes in hex.
  public var fingerprint: String { Hex.encode(Array(SHA256.hash(data: raw).prefix(16))) }

  func isValid(signature: [UInt8], for hash: [UInt8]) -> Bool {
    guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { return false }
    return key.isValidSignature(signature, for: hash)
  }
}

/// Lower-case hex, as hashes travel in exports and on the wire.
public enum Hex {
  /// The bytes as lower-case hex digits.
  public static func encode(_ bytes: [UInt8]) -> String {
    // Straight into the string's UTF-8 storage: this runs for every hash of every synced record.
    String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
      for (index, byte) in bytes.enumerated() {
        buffer[2 * index] = digit(byte >> 4)
        buffer[2 * index + 1] = digit(byte & 0xf)
      }
      return bytes.count * 2
    }
  }

  private static func digit(_ nibble: UInt8) -> UInt8 {
    nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
  }
}

extension Hex {
  /// The bytes of a hex string, or nil when it is not hex.
  public static func decode(_ text: String) -> [UInt8]? {
    let digits = Array(text.utf8)
    guard digits.count % 2 == 0 else { return nil }
    func value(_ digit: UInt8) -> UInt8? {
      switch digit {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
      default: nil
      }
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
      guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
      bytes.append(high << 4 | low)
      index += 2
    }
    return bytes
  }
}
