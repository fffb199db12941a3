import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The file holding the key applicants' identities are sealed with (`IdentitySeal`): exactly 32
/// random bytes, readable by the hub's user alone. Made at first start when missing; without it,
/// the sealed identities are lost, which is also how they are destroyed at once.
public enum CaseKeyFile {
  /// The key's length: AES-256.
  public static let length = 32

  /// The key in `path`, made (mode 0600, from the system's random source) when there is no file;
  /// refused, saying why, when it has another size or the group or others may read it.
  public static func load(path: String) throws(CaseKeyError) -> SymmetricKey {
    if !FileManager.default.fileExists(atPath: path) { try create(path) }
    var status = stat()
    guard stat(path, &status) == 0 else { throw CaseKeyError("\(path): cannot read the key file") }
    let mode = Int(status.st_mode) & 0o777
    guard mode & 0o077 == 0 else {
      throw CaseKeyError(
        "\(path): the key file is readable by others (mode \(String(mode, radix: 8))); chmod 600 it")
    }
    guard status.st_size == length else {
      throw CaseKeyError("\(path): the key file has \(status.st_size) bytes, a case key has \(length)")
    }
    guard let bytes = FileManager.default.contents(atPath: path), bytes.count == length else {
      throw CaseKeyError("\(path): cannot read the key file")
    }
    return SymmetricKey(data: bytes)
  }

  /// Writes a new random key under a name of its own, then links it into place: the key file never
  /// exists half-written (a hub starting beside another read it empty), and of two hubs starting
  /// at once the first link wins and the other reads that key.
  private static func create(_ path: String) throws(CaseKeyError) {
    let temporary = path + ".new-\(getpid())-\(UInt32.random(in: 0 ... .max))"
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard descriptor >= 0 else {
      throw CaseKeyError("\(path): cannot create the key file: \(String(cString: strerror(errno)))")
    }
    defer { unlink(temporary) }
    let key = SymmetricKey(size: .bits256)
    let written = key.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    let synced = fsync(descriptor) == 0
    close(descriptor)
    guard written == length, synced else {
      throw CaseKeyError("\(path): cannot write the key file: \(String(cString: strerror(errno)))")
    }
    guard link(temporary, path) == 0 || errno == EEXIST else {
      throw CaseKeyError("\(path): cannot create the key file: \(String(cString: strerror(errno)))")
    }
  }
}

/// A case key file that cannot be used, and why.
public struct CaseKeyError: Error, CustomStringConvertible {
  /// What is wrong, naming the file.
  public let description: String
  init(_ description: String) { self.description = description }
}
