import Foundation
import TestSupport

/// A `ratingpad run --headless` process, with the open-file limit a unit gives it, and its log.
package final class PadProcess: @unchecked Sendable {
  package let process = Process()
  package let log: String

  /// Starts the agent on `config`; with `openFiles`, allowed that many descriptors (as the unit's
  /// LimitNOFILE). `RATINGPAD_AGENT` names another build to measure (e.g. an older one).
  package init(config: String, directory: String, openFiles: Int? = nil) throws {
    log = directory + "/pad.log"
    FileManager.default.createFile(atPath: log, contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    let executable = ProcessInfo.processInfo.environment["RATINGPAD_AGENT"] ?? BuiltProduct.path("ratingpad")
    let arguments = ["run", "--headless", "--config", config]
    if let openFiles {
      configureLimited(process, openFiles: openFiles, executable: executable, arguments: arguments)
    } else {
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
    }
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
  package var isRunning: Bool { process.isRunning }

  /// A `/proc/PID/status` figure in KiB (`VmHWM` is the peak resident set).
  package func statusKilobytes(_ name: String) -> Int {
    guard
      let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
  }

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

/// Runs `ratingpad` with `arguments` to its end: its exit status and everything it printed.
package func runAgent(_ arguments: [String]) throws -> (status: Int32, output: String) {
  try runToEnd(BuiltProduct.path("ratingpad"), arguments)
}

/// The same from an async test, waiting on a thread of its own: the test process's cooperative
/// pool has one thread per core, and a blocked one starves the servers other suites are timing.
package func runAgent(_ arguments: [String]) async throws -> (status: Int32, output: String) {
  try await onOwnThread { try runToEnd(BuiltProduct.path("ratingpad"), arguments) }
}

/// Runs a program to its end, `input` on its standard input: its exit status and everything it
/// printed.
package func runToEnd(_ path: String, _ arguments: [String], input: String? = nil) throws -> (
  status: Int32, output: String
) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  let stdin = Pipe()
  if input != nil { process.standardInput = stdin }
  try process.run()
  if let input {
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
  }
  let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationStatus, output)
}

/// A loopback TCP port nothing listens on just now, for a configuration other commands read too
/// (the agent's own `listen = "127.0.0.1:0"` serves only tests that read its log).
package func freeLoopbackPort() throws -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  guard fd >= 0 else { throw POSIXError(.EMFILE) }
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  let bound = withUnsafeMutablePointer(to: &address) { pointer in
    pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socket in
      bind(fd, socket, length) == 0 && getsockname(fd, socket, &length) == 0
    }
  }
  guard bound else { throw POSIXError(.EADDRINUSE) }
  return Int(UInt16(bigEndian: address.sin_port))
}
