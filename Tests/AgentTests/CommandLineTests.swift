import Foundation
import TestSupport
import Testing

/// Runs the real `ratingpad` binary built beside the test bundle.
struct Ratingpad {
  static let binary = BuiltProduct.path("ratingpad")

  /// Runs `ratingpad arguments…`, returning its exit status, standard output and standard error.
  static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    try runProgram(binary, arguments)
  }

  /// The same from an async test, waiting on a thread of its own: the test process's cooperative
  /// pool has one thread per core, and a blocked one starves the servers other suites are timing.
  static func run(_ arguments: [String]) async throws -> (status: Int32, out: String, err: String) {
    try await onOwnThread { try runProgram(binary, arguments) }
  }
}

func runProgram(_ path: String, _ arguments: [String], input: String? = nil) throws -> (
  status: Int32, out: String, err: String
) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  let stdin = Pipe()
  process.standardInput = stdin
  try process.run()
  if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
  try stdin.fileHandleForWriting.close()
  // Read both pipes to the end before waiting, so a chatty child never blocks on a full pipe.
  let errData = ThreadedRead(err.fileHandleForReading)
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return (
    process.terminationStatus, String(decoding: outData, as: UTF8.self),
    String(decoding: errData.wait(), as: UTF8.self)
  )
}

/// Reads a pipe to its end on another thread.
final class ThreadedRead: @unchecked Sendable {
  private var data = Data()
  private let done = DispatchSemaphore(value: 0)
  init(_ handle: FileHandle) {
    Thread {
      self.data = handle.readDataToEndOfFile()
      self.done.signal()
    }.start()
  }
  func wait() -> Data {
    done.wait()
    return data
  }
}

/// A state directory and configuration for one test, removed afterwards.
final class PadFixture {
  let directory: String
  let config: String

  init(flow: String = "thanks_seconds = 1\nexpired_seconds = 1\nprompt_timeout_seconds = 3\n") throws {
    directory =
      FileManager.default.temporaryDirectory.appendingPathComponent("ratingpad-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    config = directory + "/ratingpad.toml"
    let text = """
      [device]
      area_code = "640181"
      department = "灵武市政务服务管理局"
      hall = "灵武市政务服务中心"
      window = "7"
      [flow]
      \(flow)
      [ledger]
      state_directory = "\(directory)/state"
      """
    try text.write(toFile: config, atomically: true, encoding: .utf8)
  }

  var ledger: String { directory + "/state/ledger.sqlite" }

  func script(_ text: String) throws -> String {
    let path = directory + "/script-\(UUID().uuidString)"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func sqlite(_ sql: String) throws -> String {
    let result = try runProgram("/usr/bin/sqlite3", [ledger, sql])
    #expect(result.status == 0, "sqlite3 failed: \(result.err)")
    return result.out
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }
}

@Suite(.serialized) struct CommandLine_ {
  @Test func aScriptedCitizenRatesAndTheLedgerVerifies() async throws {
    let pad = try PadFixture()
    let script = try pad.script(
      "open BJ-1 1137 户口迁移\nwait 400\ntap very_satisfied\nwait 200\ntap satisfied\n")
    let run = try await Ratingpad.run(["run", "--headless", "--config", pad.config, "--script", script])
    #expect(run.status == 0, "\(run.err)")

    let verify = try await Ratingpad.run(["verify", "--config", pad.config])
    #expect(verify.status == 0, "\(verify.out)\(verify.err)")

    let json = try await Ratingpad.run(["export", "--config", pad.config, "--format", "json"])
    #expect(json.status == 0)
    let records = try #require(
      try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
    let kinds = records.compactMap { $0["kind"] as? String }
    #expect(kinds == ["boot", "rating", "suspect_press"])
    let rating = try #require(records.first { $0["kind"] as? String == "rating" })
    #expect(rating["level"] as? String == "very_satisfied")
    #expect(rating["transaction_number"] as? String == "BJ-1")
    #expect(rating["channel"] as? String == "window_pad")

    let csv = try await Ratingpad.run(["export", "--config", pad.config, "--format", "csv"])
    #expect(csv.out.split(whereSeparator: \.isNewline).count == 4)
  }

  @Test func aBadScriptWritesNothing() async throws {
    let pad = try PadFixture()
    let script = try pad.script("open \(String(repeating: "9", count: 51)) 1137\ntap very_satisfied\n")
    let run = try await Ratingpad.run(["run", "--headless", "--config", pad.config, "--script", script])
    #expect(run.status != 0)
    #expect(
      run.err.contains("\(script):1: transaction number (办件编号) is 51 characters long; at most 50"),
      "\(run.err)")
    #expect(!FileManager.default.fileExists(atPath: pad.ledger))
  }

  @Test func aBadConfigurationStartsNothing() async throws {
    let pad = try PadFixture(flow: "burst_count = \"three\"")
    let run = try await Ratingpad.run(["run", "--headless", "--config", pad.config])
    #expect(run.status != 0)
    #expect(run.err.contains("\(pad.config):7: flow.burst_count: must be a whole number"), "\(run.err)")
    #expect(!FileManager.default.fileExists(atPath: pad.ledger))
  }

  @Test func verifyNamesARowAlteredBehindTheAgentsBack() async throws {
    let pad = try PadFixture()
    let script = try pad.script(
      "open BJ-1 1137\nwait 400\ntap very_dissatisfied\nskip\nopen BJ-2 1137\nwait 400\ntap satisfied\n")
    #expect(
      try await Ratingpad.run(["run", "--headless", "--config", pad.config, "--script", script]).status == 0)
    // A staff member "improves" the bad review with the sqlite3 shell.
    // (The skipped checklist left a reasons record of that level too: the rating is the one to change.)
    let seq = try pad.sqlite("SELECT seq FROM records WHERE kind = 'rating' AND level = 'very_dissatisfied';")
      .trimmingCharacters(in: .whitespacesAndNewlines)
    _ = try pad.sqlite("UPDATE records SET level = 'very_satisfied' WHERE seq = \(seq);")
    let verify = try await Ratingpad.run(["verify", "--config", pad.config])
    #expect(verify.status == 2)
    #expect(verify.out.contains("seq \(seq)"), "\(verify.out)")
  }
}
