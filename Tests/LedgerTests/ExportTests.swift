import Foundation
import RatingModel
import RecordChain
import Testing

@testable import Ledger

/// The technician's export: exact bytes, so scripts that read it keep working.
@Suite struct Export {
  static let record = LedgerRecord(
    seq: 3, uuid: "0f6c1d52-6d3a-4c55-9d0e-3e7a3c4b5a69", time: time(),
    entry: LedgerEntry(
      kind: .reasons, promptID: "p-BJ-1", source: "counter",
      transaction: try! Transaction(
        number: "BJ-1", serviceItemCode: "11640181MB0001", serviceItemName: "户口迁移", staffNumber: "A1024",
        window: "7", department: "640181000", stage: .finished),
      level: .dissatisfied, reasons: ["213", "local_wait"], checklistVersion: "2026-1",
      channel: .windowPad, detail: "said \"slow\", twice"),
    hash: [0x01, 0xab], signature: [0xff, 0xff, 0xff])

  @Test func jsonHasSortedKeysNullsAndTypedValues() throws {
    let expected = """
      [
        {
          "boot_id" : "boot-1",
          "channel" : "window_pad",
          "checklist_version" : "2026-1",
          "clock_known" : null,
          "department" : "640181000",
          "detail" : "said \\"slow\\", twice",
          "hash" : "01ab",
          "kind" : "reasons",
          "level" : "dissatisfied",
          "monotonic_ns" : 42,
          "prompt_id" : "p-BJ-1",
          "reasons" : [
            "213",
            "local_wait"
          ],
          "seq" : 3,
          "service_item_code" : "11640181MB0001",
          "service_item_name" : "户口迁移",
          "signature" : "\\/\\/\\/\\/",
          "source" : "counter",
          "staff_number" : "A1024",
          "stage" : "finished",
          "suspect_reason" : null,
          "time" : "2026-11-25T10:52:25.000+08:00",
          "transaction_number" : "BJ-1",
          "utc_offset_seconds" : 28800,
          "uuid" : "0f6c1d52-6d3a-4c55-9d0e-3e7a3c4b5a69",
          "wall_ms" : 1795575145000,
          "window" : "7"
        }
      ]

      """
    let json = try LedgerExport.json([Self.record])
    #expect(json == expected, "\(json)")
    #expect(try LedgerExport.json([]) == "[\n\n]\n")
  }

  @Test func csvHasTheHeaderAndOneQuotedLinePerRecord() {
    let lines = LedgerExport.csv([Self.record]).components(separatedBy: "\r\n")
    #expect(
      lines[0]
        == "seq,uuid,kind,time,wall_ms,utc_offset_seconds,boot_id,monotonic_ns,prompt_id,source,"
        + "transaction_number,service_item_code,service_item_name,staff_number,window,department,stage,"
        + "level,reasons,checklist_version,suspect_reason,channel,detail,hash,signature,clock_known")
    #expect(
      lines[1]
        == "3,0f6c1d52-6d3a-4c55-9d0e-3e7a3c4b5a69,reasons,2026-11-25T10:52:25.000+08:00,1795575145000,28800,"
        + "boot-1,42,p-BJ-1,counter,BJ-1,11640181MB0001,户口迁移,A1024,7,640181000,finished,dissatisfied,"
        + "213;local_wait,2026-1,,window_pad,\"said \"\"slow\"\", twice\",01ab,////,")
    #expect(lines.count == 3 && lines[2].isEmpty)
  }
}
