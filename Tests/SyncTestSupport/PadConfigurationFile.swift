import Foundation

/// A pad's configuration file for tests that run the real `ratingpad`: window 7 of the Lingwu hall,
/// its ledger in `state`, its API on loopback, and a push section when `push` is given.
package struct PadConfigurationFile {
  /// The file's path.
  package let path: String
  /// The directory of its ledger and device key.
  package let stateDirectory: String

  /// Where and how the pad pushes.
  package struct Push {
    package var url: String
    package var tokenFile: String
    package var extra: String = ""
    package init(url: String, tokenFile: String, extra: String = "") {
      self.url = url
      self.tokenFile = tokenFile
      self.extra = extra
    }
  }

  /// Writes `name`.toml in `directory`, its state in `stateDirectory` (default `name`-state); the
  /// API takes `hubTokenFile` (the hub's pull token) and listens on `apiPort` (0: any, read from
  /// the agent's log); `api` and `extra` are appended to `[api]` and to the file.
  package init(
    directory: String, name: String = "pad", stateDirectory: String? = nil, apiPort: Int = 0,
    hubTokenFile: String, push: Push? = nil, api: String = "", extra: String = ""
  ) throws {
    path = "\(directory)/\(name).toml"
    self.stateDirectory = stateDirectory ?? "\(directory)/\(name)-state"
    var text = """
      [device]
      area_code = "640181"
      department = "灵武市政务服务管理局"
      hall = "灵武市政务服务中心"
      window = "7"
      [ledger]
      state_directory = "\(self.stateDirectory)"
      [api]
      listen = "127.0.0.1:\(apiPort)"
      hub_token_file = "\(hubTokenFile)"

      """
    text += api.isEmpty ? "" : api + "\n"
    if let push {
      text += "[push]\nurl = \"\(push.url)\"\ntoken_file = \"\(push.tokenFile)\"\n"
      text += push.extra.isEmpty ? "" : push.extra + "\n"
    }
    text += extra
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  /// The ledger file.
  package var ledger: String { stateDirectory + "/ledger.sqlite" }
  /// The device key file.
  package var deviceKey: String { stateDirectory + "/device.key" }
}

/// Writes `secret` to `directory`/`name` readable by its owner only, as token files must be;
/// returns the path.
package func tokenFile(_ directory: String, _ name: String, _ secret: String) throws -> String {
  let path = "\(directory)/\(name)"
  try secret.write(toFile: path, atomically: true, encoding: .utf8)
  try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
  return path
}
