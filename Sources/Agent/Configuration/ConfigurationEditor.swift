import Foundation

/// Changes one key of the configuration file in place, keeping every other line and comment, and
/// writes it only if the whole file still validates.
struct ConfigurationEditor {
  let path: String

  /// Sets `key` in `[section]` to the string `value`, adding the key or the table if missing.
  func set(section: String, key: String, value: String) throws(ProvisioningError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ProvisioningError("cannot read \(path)")
    }
    var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
    let assignment = "\(key) = \"\(value)\""
    let header = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces) == "[\(section)]" }
    if let header {
      let end =
        lines[(header + 1)...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("[") }
        ?? lines.count
      if let existing = lines[(header + 1)..<end].firstIndex(where: {
        $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + " ")
          || $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + "=")
      }) {
        lines[existing] = assignment
      } else {
        lines.insert(assignment, at: header + 1)
      }
    } else {
      lines += ["", "[\(section)]", assignment, ""]
    }
    let text = lines.joined(separator: "\n")
    do { _ = try ConfigurationLoader.parse(text, file: path) } catch {
      throw ProvisioningError("the changed configuration would not load: \(error)")
    }
    var status = stat()
    let mode = stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0o640
    try DeviceFiles(agentUser: "ratingpad").write(
      Array(text.utf8), to: path, mode: mode, owner: .rootWithAgentGroup)
  }
}
