// A writer for the crash tests: appends ratings to the ledger at argv[1] as fast as it can and
// prints each seq the moment `append` has returned, until it is killed.
import Foundation
import Ledger
import RatingModel
import RecordChain

let directory = CommandLine.arguments[1]
let key = try DeviceKey.loadOrCreate(path: directory + "/device.key")
let store = try LedgerStore.open(path: directory + "/ledger.sqlite", deviceKey: key).store
var index = 0
while true {
  index += 1
  let transaction = try Transaction(number: "CRASH-\(getpid())-\(index)", serviceItemCode: "1137")
  let level = SatisfactionLevel.allCases[index % 5]
  let entry = LedgerEntry(
    kind: .rating, promptID: UUID().uuidString, source: "counter", transaction: transaction, level: level,
    channel: .windowPad)
  let record = try store.append(entry, at: .now())
  // One write(2) per line: nothing is buffered when SIGKILL lands.
  FileHandle.standardOutput.write(Data("\(record.seq) \(record.uuid)\n".utf8))
}
