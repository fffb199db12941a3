import Foundation
import TestSupport

/// A `ratingpad run --headless` process, with the open-file limit a unit gives it, and its log.
package final class PadProcess: @unchecked Sendable {
  package let process = Process()
  package let log: String

  /// Starts the agent on `config`, allowed `openFiles` descriptors (as the unit's LimitNOFILE).
  package init(config: String, directory: String, openFiles: Int) throws {
    log = directory + "/pad.log"
    FileManager.default.createFile(atPath: log, contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    configureLimited(
      process, openFiles: openFiles, executable: BuiltProduct.path("ratingpad"),
      arguments: ["run", "--headless", "--config", config])
    process.standardOutput = output
    process.standardError = output
    try process.run()
    try output.close()
  }

  /// The API's port, once the agent logged that it listens.
  package var port: Int? {
    let marker = "API listening on 127.0.0.1:"
    guard let line = logText.split(separator: "\n").first(where: { $0.contains(marker) }),
      let range = line.range(of: marker)
    else { return nil }
    return Int(line[range.upperBound...].prefix { $0.isNumber })
  }
  package var logText: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

  /// Kills it: started from a test's worker thread it inherits that thread's blocked signals,
  /// SIGTERM among them, and the agent (unlike the hub) does not unblock it.
  package func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

/// Sets `process` to run `executable` through the shell with its open-file limit lowered to
/// `openFiles`, as systemd's LimitNOFILE would (the test process itself may allow far more), and
/// at a lower priority: a flooded server must not starve the tests running beside it of the cores.
package func configureLimited(_ process: Process, openFiles: Int, executable: String, arguments: [String]) {
  process.executableURL = URL(fileURLWithPath: "/bin/sh")
  process.arguments =
    ["-c", "ulimit -n \(openFiles) && exec nice -n 10 \"$0\" \"$@\"", executable] + arguments
}
