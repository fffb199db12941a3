import Foundation
import TestSupport

/// Runs Tests/gmssl/crosscheck.py in the venv Tests/gmssl/venv makes (.build/gmssl): gmssl is
/// an SM2/SM3/SM4 in pure Python written apart from OpenSSL, the cross-check's other side.
enum GmSSL {
  /// The repository's root, found from this file (through the symlinks of a scratch package).
  private static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  private static let python = root.appendingPathComponent(".build/gmssl/bin/python3").path
  private static let script = root.appendingPathComponent("Tests/gmssl/crosscheck.py").path

  /// Whether the venv is there; Tests/run makes it, a developer runs Tests/gmssl/venv once.
  static let isInstalled = FileManager.default.isExecutableFile(atPath: python)

  struct Failure: Error, CustomStringConvertible {
    let description: String
  }

  /// What `crosscheck.py arguments…` prints, its trailing newline dropped; waited for on a thread
  /// of its own, as pure-Python SM2 takes seconds that must not hold a concurrency thread.
  static func run(_ arguments: String...) async throws -> String {
    try await onOwnThread { try runToEnd(arguments) }
  }

  private static func runToEnd(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [script] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let printed = output.fileHandleForReading.readDataToEndOfFile()
    let complaint = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(
        description: "gmssl \(arguments.first ?? ""): \(String(decoding: complaint, as: UTF8.self))")
    }
    return String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
