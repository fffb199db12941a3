import Foundation
import Glibc
import SQLite
import Synchronization

/// A process a benchmark starts and measures from outside: its output goes to a log file.
final class ChildProcess {
  private let process = Process()
  private let logPath: String

  init(executable: String, arguments: [String], log: String) throws {
    logPath = log
    FileManager.default.createFile(atPath: log, contents: nil)
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardOutput = output
    process.standardError = output
    try process.run()
  }

  var isRunning: Bool { process.isRunning }

  /// VmHWM from /proc: the most memory the process has had resident, in KiB.
  func peakResidentKilobytes() -> Int { statusKilobytes("VmHWM") }

  /// A `/proc/PID/status` figure in KiB, such as `RssAnon` or `RssFile`.
  func statusKilobytes(_ name: String) -> Int {
    guard
      let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") })
    else { return 0 }
    return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
  }

  /// The end of its log, for an error message.
  func logTail() -> String {
    let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    return String(text.suffix(2000))
  }

  /// How many lines of its log contain `text`.
  func logLines(containing text: String) -> Int {
    let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    return log.split(separator: "\n").count { $0.contains(text) }
  }

  /// SIGTERM, then SIGKILL if it has not gone within five seconds.
  func stop() {
    guard process.isRunning else { return }
    process.terminate()
    let deadline = Date().addingTimeInterval(5)
    while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }
}

/// A free TCP port on 127.0.0.1, found by binding port 0 and letting it go.
/// The executables a benchmark starts, found beside `ratingpad-bench` (the build folder).
enum BenchExecutable {
  static func beside(_ name: String) throws -> String {
    URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      .deletingLastPathComponent().appendingPathComponent(name).path
  }
}

enum LoopbackPort {
  static func free() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw BenchFailure("socket: \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
      }
    }
    guard bound else { throw BenchFailure("bind 127.0.0.1:0: \(String(cString: strerror(errno)))") }
    return Int(UInt16(bigEndian: address.sin_port))
  }
}

/// A `ratingpad-hub serve` a benchmark started, and where its records land.
struct BenchHub {
  let process: ChildProcess
  let port: Int
  let database: String

  /// Starts the hub with `config` (listening on port 0) and waits for its port.
  static func start(executable: String, config: String, directory: String, database: String) throws
    -> BenchHub
  {
    let portFile = directory + "/hub.port"
    let process = try ChildProcess(
      executable: executable, arguments: ["serve", "--config", config, "--port-file", portFile],
      log: directory + "/hub.log")
    for _ in 0..<1000 {
      if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
        let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
      {
        return BenchHub(process: process, port: port, database: database)
      }
      guard process.isRunning else { throw BenchFailure("ratingpad-hub did not start: \(process.logTail())") }
      Thread.sleep(forTimeInterval: 0.02)
    }
    process.stop()
    throw BenchFailure("ratingpad-hub wrote no port file within 20 s")
  }

  /// Records stored, when the hub's database is a SQLite file.
  func storedRecords() throws -> Int {
    let connection = try SQLiteConnection(path: database, readOnly: true)
    guard case .integer(let count) = try connection.scalar("SELECT count(DISTINCT uuid) FROM records") else {
      return 0
    }
    return Int(count)
  }

  func stop() { process.stop() }
}
