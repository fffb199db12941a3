import Foundation

/// A file holding a secret (a token, a shared word, a key): read only when no one but its owner
/// may read it, so a secret left world-readable is refused rather than used.
public enum OwnerOnlyFile {
  /// Why the file cannot be used, naming it.
  public struct Problem: Error, CustomStringConvertible {
    public let description: String
    /// A problem said plainly.
    public init(description: String) { self.description = description }
  }

  /// The file's bytes.
  public static func read(_ path: String, what: String = "the file") throws(Problem) -> Data {
    guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let data = FileManager.default.contents(atPath: path)
    else { throw Problem(description: "\(path): cannot read \(what)") }
    let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? 0
    guard mode & 0o077 == 0 else {
      throw Problem(
        description: "\(path): \(what) is readable by others (mode \(String(mode, radix: 8))); chmod 600 it")
    }
    return data
  }
}
