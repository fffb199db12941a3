import Foundation

/// Finds an executable this package built, next to the running test bundle.
public enum BuiltProduct {
  /// The path of the built executable `name` (e.g. `ratingpad`).
  public static func path(_ name: String) -> String {
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while directory.path != "/" {
      let candidate = directory.appendingPathComponent(name).path
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
      directory.deleteLastPathComponent()
    }
    return name
  }
}
