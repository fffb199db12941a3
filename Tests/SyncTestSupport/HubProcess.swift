import Foundation
import TestSupport

/// A hub process and where its log goes.
package final class HubProcess: @unchecked Sendable {
  package let process = Process()
  package let log: String
  package let portFile: String

  package init(config: String, directory: String, name: String) throws {
    log = directory + "/\(name).log"
    portFile = directory + "/\(name).port"
    FileManager.default.createFile(atPath: log, contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    process.executableURL = URL(fileURLWithPath: BuiltProduct.path("ratingpad-hub"))
    process.arguments = ["serve", "--config", config, "--port-file", portFile]
    process.standardOutput = output
    process.standardError = output
    try process.run()
    try output.close()
  }

  package var port: Int? {
    (try? String(contentsOfFile: portFile, encoding: .utf8)).flatMap { Int($0.trimmed) }
  }
  package var logText: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

  package func stop() {
    process.terminate()
    process.waitUntilExit()
  }
}

/// Runs `ratingpad-hub` with `arguments` to its end: its exit status and everything it printed.
package func runHub(_ arguments: [String]) throws -> (status: Int32, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: BuiltProduct.path("ratingpad-hub"))
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationStatus, output)
}

extension String {
  fileprivate var trimmed: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
