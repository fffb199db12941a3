import RecordChain
import TestSupport
import Testing

@testable import SyncProtocol

/// The wire form of the fixed records (`RecordVectors`), byte for byte: what a hub stores and
/// re-verifies. A renamed key, a reworded value or a changed escaping fails here by name.
@Suite struct WireVectors {
  /// The fixed rating, reasons and suspect press as the pad sends them.
  static let records = [
    #"{"seq":1,"uuid":"6f1c2a4e-8b3d-4f5a-9c7e-1d2b3a4c5e6f","kind":"rating","wall_ms":1764806400123,"#
      + #""utc_offset_seconds":28800,"boot_id":"0b6e3c1a-2f4d-4e5b-8a9c-7d6e5f4a3b2c","monotonic_ns":98765432100,"#
      + #""prompt_id":"p-20261204-0001","source":"counter","transaction":{"number":"BJ2026120400017","#
      + #""service_item_code":"11640181MB0001","service_item_name":"户口迁移","staff_number":"A1024","window":"7","#
      + #""department":"640181000","stage":"finished"},"level":"very_dissatisfied","reasons":[],"#
      + #""channel":"window_pad","hash":"25627696deaadacdd43c362fceacfb8514182a81c79791b2de7efe446201bbb3","#
      + #""signature":"AlpAEDK77fxEqU9E8xpyjYDPKnK9Io/4ln3t1OMFs30RBUrS9xwydS/YT5ifalyNSdt3vYBoDhO+NqxeEMVGAQ=="}"#,
    #"{"seq":2,"uuid":"a3b4c5d6-e7f8-4a1b-9c2d-3e4f5a6b7c8d","kind":"reasons","wall_ms":1764806405456,"#
      + #""utc_offset_seconds":28800,"boot_id":"0b6e3c1a-2f4d-4e5b-8a9c-7d6e5f4a3b2c","monotonic_ns":103765432100,"#
      + #""prompt_id":"p-20261204-0001","source":"counter","transaction":{"number":"BJ2026120400017","#
      + #""service_item_code":"11640181MB0001","service_item_name":"户口迁移","staff_number":"A1024","window":"7","#
      + #""department":"640181000","stage":"finished"},"level":"very_dissatisfied","reasons":["207","209"],"#
      + #""checklist_version":"national-2023","channel":"window_pad","#
      + #""hash":"54bb1d935e24b2174298433fe3447e15e5cbf00bee2d852438ae21314773a01c","#
      + #""signature":"usAz4aNgkf5ItcXgPCLHcMsfy5fTXQCHZBV1x/jizvW51UMmY6+0WUthpHiHNtksT3mvf+jO7xT1dZBNPd99DA==","#
      + #""clock_known":true}"#,
    #"{"seq":3,"uuid":"c0ffee00-1234-4abc-8def-0123456789ab","kind":"suspect_press","wall_ms":946684800000,"#
      + #""utc_offset_seconds":28800,"boot_id":"b2","monotonic_ns":5000000000,"level":"satisfied","reasons":[],"#
      + #""suspect_reason":"no_prompt","channel":"kiosk","#
      + #""hash":"fd396ed3904e3a50f5ad421e86e91beaed1f01038e38669fd965a5f4070da546","#
      + #""signature":"7IswR/djcAGR8LaHxHY+IcfxsbrXYUscTHdtUWuD+PfE9/5ZHHJz8bdE/qPfcAb+l9gQ10qaSuZDmKQyy4M9Dw==","#
      + #""clock_known":false}"#,
  ]

  @Test func eachRecordsWireFormIsByteExact() {
    for (index, record) in RecordVectors.records.enumerated() {
      let json = String(decoding: WireRecord(record).jsonBytes(), as: UTF8.self)
      #expect(json == Self.records[index], "record seq \(record.seq)")
    }
  }

  @Test func theWireFormGivesBackTheSignedRecord() throws {
    for (index, record) in RecordVectors.records.enumerated() {
      let read = try WireRecord(json: try JSONReader.parse(Array(Self.records[index].utf8))).ledgerRecord()
      #expect(read == record, "record seq \(record.seq)")
    }
  }

  @Test func aPageIsItsRecordsInOrder() {
    let page = RecordPage(
      device: RecordVectors.fingerprint, records: RecordVectors.records.map(WireRecord.init), headSeq: 3,
      acknowledgedThrough: 0, more: false)
    let expected =
      #"{"device":"21fe31dfa154a261626bf854046fd227","records":["# + Self.records.joined(separator: ",")
      + #"],"head_seq":3,"acknowledged_through":0,"more":false}"#
    #expect(String(decoding: page.jsonBytes(), as: UTF8.self) == expected)
  }
}
