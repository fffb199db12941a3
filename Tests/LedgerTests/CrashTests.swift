import Foundation
import TestSupport
import Testing

@testable import Ledger

/// Kills a real writer process with SIGKILL at random points and checks nothing it was told
/// is on disk went missing, nothing is there twice, and the chain still verifies.
@Suite struct CrashSafety {
  static let writer = BuiltProduct.path("ledger-crash-writer")

  @Test func everyReturnedCommitSurvivesSIGKILL() throws {
    let ledger = try TemporaryLedger()
    ledger.close()
    var acknowledged: [Int64: String] = [:]
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<20 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: Self.writer)
      process.arguments = [ledger.directory]
      let pipe = Pipe()
      process.standardOutput = pipe
      try process.run()
      // Let it commit a random number of records, then kill it wherever it is.
      let target = Int.random(in: 1...40, using: &generator)
      var buffer = Data()
      while buffer.filter({ $0 == UInt8(ascii: "\n") }).count < target {
        let chunk = pipe.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        buffer.append(chunk)
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      #expect(process.terminationReason == .uncaughtSignal)
      // Whatever it printed before dying had returned from append: it must be on disk.
      buffer.append(pipe.fileHandleForReading.readDataToEndOfFile())
      for line in String(decoding: buffer, as: UTF8.self).split(separator: "\n") {
        let parts = line.split(separator: " ")
        acknowledged[Int64(parts[0])!] = String(parts[1])
      }
    }
    let store = try LedgerStore.open(path: ledger.path, deviceKey: ledger.key).store
    let records = try store.allRecords()
    let onDisk = Dictionary(records.map { ($0.seq, $0.uuid) }, uniquingKeysWith: { first, _ in first })
    #expect(acknowledged.count >= 20)
    for (seq, uuid) in acknowledged {
      #expect(onDisk[seq] == uuid, "seq \(seq) was committed but is not on disk")
    }
    #expect(Set(records.map(\.uuid)).count == records.count, "a record is on disk twice")
    #expect(records.map(\.seq) == Array(1...Int64(records.count)))
    #expect(try store.verify(publicKey: ledger.key.publicKey).isIntact)
  }
}
