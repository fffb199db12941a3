import Foundation

/// A headless pad of window 7 that pushes to a hub on loopback, as an installer configures it:
/// writes its token files (mode 0600) and `pad.toml` into `directory` (its state in
/// `directory/state`) and returns the configuration's path.
package func writePadConfiguration(
  directory: String, hubPort: Int, pushToken: String, apiToken: String, enrolmentRecheckSeconds: Int = 2
) throws -> String {
  for (name, token) in [("push.token", pushToken), ("api.token", apiToken)] {
    try token.write(toFile: "\(directory)/\(name)", atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: "\(directory)/\(name)")
  }
  let config = directory + "/pad.toml"
  try """
  [device]
  area_code = "640181"
  department = "灵武市政务服务管理局"
  hall = "灵武市政务服务中心"
  window = "7"
  [ledger]
  state_directory = "\(directory)/state"
  [api]
  listen = "127.0.0.1:\(try freeLoopbackPort())"
  hub_token_file = "\(directory)/api.token"
  [push]
  url = "http://127.0.0.1:\(hubPort)/v1/push"
  token_file = "\(directory)/push.token"
  enrolment_recheck_seconds = \(enrolmentRecheckSeconds)
  """.write(toFile: config, atomically: true, encoding: .utf8)
  return config
}
