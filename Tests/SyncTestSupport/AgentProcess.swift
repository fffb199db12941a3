import Foundation
import TestSupport

/// A running `ratingpad run --headless` and where its log goes; stopped as by a power cut.
package final class AgentProcess: @unchecked Sendable {
  package let process = Process()
  package let log: String

  package init(config: String, directory: String, name: String = "agent") throws {
    log = directory + "/\(name).log"
    FileManager.default.createFile(atPath: log, contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    process.executableURL = URL(fileURLWithPath: BuiltProduct.path("ratingpad"))
    process.arguments = ["run", "--headless", "--config", config]
    process.standardOutput = output
    process.standardError = output
    try process.run()
    try output.close()
  }

  package var logText: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

  /// SIGKILL: a test process's children inherit its blocked SIGTERM, which the agent, stopped by
  /// systemd with SIGTERM and then SIGKILL, does not unblock; and a pad must survive a power cut.
  package func stop() {
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}

/// Runs `ratingpad` with `arguments` to its end: its exit status and everything it printed.
package func runAgent(_ arguments: [String]) throws -> (status: Int32, output: String) {
  try runToEnd(BuiltProduct.path("ratingpad"), arguments)
}

/// Runs a program to its end: its exit status and everything it printed.
func runToEnd(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationStatus, output)
}

/// A loopback TCP port nothing listens on just now (for a server that cannot be told to take 0).
package func freeLoopbackPort() throws -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw POSIXError(.EMFILE) }
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  address.sin_port = 0
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafeMutablePointer(to: &address) { pointer in
    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socket in
      bind(fd, socket, length) == 0 && getsockname(fd, socket, &length) == 0
    }
  }
  guard bound else { throw POSIXError(.EADDRINUSE) }
  return Int(UInt16(bigEndian: address.sin_port))
}
