import Foundation

/// A headless pad of window 7 that pushes to a hub on loopback, as an installer configures it:
/// writes its token files (mode 0600) and `pad.toml` into `directory` (its state in
/// `directory/state`) and returns the configuration's path.
package func writePadConfiguration(
  directory: String, hubPort: Int, pushToken: String, apiToken: String, enrolmentRecheckSeconds: Int = 2
) throws -> String {
  try PadConfigurationFile(
    directory: directory, stateDirectory: directory + "/state", apiPort: try freeLoopbackPort(),
    hubTokenFile: try tokenFile(directory, "api.token", apiToken),
    push: .init(
      url: "http://127.0.0.1:\(hubPort)/v1/push",
      tokenFile: try tokenFile(directory, "push.token", pushToken),
      extra: "enrolment_recheck_seconds = \(enrolmentRecheckSeconds)")
  ).path
}
