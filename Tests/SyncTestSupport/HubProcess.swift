import Foundation
import TestSupport

/// A hub process and where its log goes.
package final class HubProcess: @unchecked Sendable {
  package let process = Process()
  package let log: String
  package let portFile: String

  /// The file the console's port is written to, when the configuration has `[console]`.
  package let consolePortFile: String

  /// Starts `ratingpad-hub serve`; with `openFiles`, under that open-file limit (as a unit's LimitNOFILE).
  package init(config: String, directory: String, name: String, openFiles: Int? = nil) throws {
    log = directory + "/\(name).log"
    portFile = directory + "/\(name).port"
    consolePortFile = directory + "/\(name).console-port"
    let arguments = [
      "serve", "--config", config, "--port-file", portFile, "--console-port-file", consolePortFile,
    ]
    if let openFiles {
      configureLimited(
        process, openFiles: openFiles, executable: BuiltProduct.path("ratingpad-hub"), arguments: arguments)
    } else {
      process.executableURL = URL(fileURLWithPath: BuiltProduct.path("ratingpad-hub"))
      process.arguments = arguments
    }
    try startLogged(process, log: log)
  }

  package var port: Int? { readPort(portFile) }
  /// The console's port, once it listens.
  package var consolePort: Int? { readPort(consolePortFile) }
  package var logText: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

  package func stop() {
    process.terminate()
    process.waitUntilExit()
  }
}

/// Runs `ratingpad-hub` with `arguments` to its end: its exit status and everything it printed.
package func runHub(_ arguments: [String]) throws -> (status: Int32, output: String) {
  try runToEnd(BuiltProduct.path("ratingpad-hub"), arguments)
}

/// The same from an async test, waiting on a thread of its own (see `runAgent`).
package func runHub(_ arguments: [String]) async throws -> (status: Int32, output: String) {
  try await onOwnThread { try runToEnd(BuiltProduct.path("ratingpad-hub"), arguments) }
}

extension String {
  package var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// A provisioning file like `Device/provision-example.toml`, with `token` for the hub.
package func provisioningFile(_ directory: String, token: String, hall: String = "灵武市政务服务中心") throws -> String
{
  let path = directory + "/window-7-\(UUID().uuidString.prefix(6)).toml"
  try """
  [device]
  area_code = "640181"
  department = "灵武市政务服务管理局"
  hall = "\(hall)"
  window = "7"
  channel = "window_pad"
  [clerk]
  name = "王芳"
  [hub]
  token = "\(token)"
  push_url = "http://127.0.0.1:1/v1/push"
  """.write(toFile: path, atomically: true, encoding: .utf8)
  return path
}

/// Runs `process` with its output and errors in the file `log` (made afresh).
package func startLogged(_ process: Process, log: String) throws {
  FileManager.default.createFile(atPath: log, contents: nil)
  let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
  process.standardOutput = output
  process.standardError = output
  try process.run()
  try output.close()
}

/// The port a server wrote to `file` once listening, if it has.
package func readPort(_ file: String) -> Int? {
  (try? String(contentsOfFile: file, encoding: .utf8)).flatMap { Int($0.trimmed) }
}
