import Foundation
import RatingModel
import RecordChain
import Testing

@testable import Ledger

/// A ledger in a fresh temporary directory, removed afterwards.
final class TemporaryLedger {
  let directory: String
  let key: DeviceKey
  var store: LedgerStore!

  init() throws {
    directory =
      FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    key = try DeviceKey.loadOrCreate(path: directory + "/device.key")
    store = try LedgerStore.open(path: directory + "/ledger.sqlite", deviceKey: key).store
  }

  var path: String { directory + "/ledger.sqlite" }

  func reopen() throws -> LedgerOpening {
    let opening = try LedgerStore.open(path: path, deviceKey: key)
    store = opening.store
    return opening
  }

  /// Closes the writer, which folds the WAL into the database file.
  func close() { store = nil }

  deinit { try? FileManager.default.removeItem(atPath: directory) }

  /// Runs the sqlite3 shell on the ledger, as someone tampering with it would.
  @discardableResult
  func sqlite(_ sql: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    process.arguments = [path, sql]
    let out = Pipe()
    process.standardOutput = out
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "sqlite3 \(sql) failed")
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
  }
}

func time(wallMilliseconds: Int64 = 1_795_575_145_000) -> RecordTime {
  RecordTime(
    wallMilliseconds: wallMilliseconds, utcOffsetSeconds: 28800, bootID: "boot-1", monotonicNanoseconds: 42)
}

func ratingEntry(
  _ number: String, _ level: SatisfactionLevel = .satisfied, stage: EvaluationStage = .finished
)
  -> LedgerEntry
{
  let transaction = try! Transaction(
    number: number, serviceItemCode: "11640181MB0001", serviceItemName: "户口迁移", staffNumber: "A1024",
    window: "7", department: "640181000", stage: stage)
  return LedgerEntry(
    kind: .rating, promptID: "p-\(number)", source: "counter", transaction: transaction, level: level,
    channel: .windowPad)
}
