import Foundation
import RecordChain
import Testing

@testable import SyncProtocol

/// The bulk JSON path must speak exactly the `Codable` form, and refuse what is not a page by name.
@Suite struct WireJSONTests {
  static let awkward = "引号\"反斜杠\\换行\n制表\t\u{1}控制 /斜杠 😀 \u{7f}"

  static func record(_ seq: Int64, detail: String?) -> WireRecord {
    WireRecord(
      seq: seq, uuid: "0f6c1d52-6d3a-4c55-9d0e-3e7a3c4b5a69", kind: seq.isMultiple(of: 2) ? "rating" : "boot",
      wallMilliseconds: 1_764_000_000_000 + seq, utcOffsetSeconds: -28_800, bootID: "boot-1",
      monotonicNanoseconds: Int64.max - seq, promptID: seq.isMultiple(of: 2) ? "p-\(seq)" : nil, source: nil,
      transaction: seq.isMultiple(of: 2)
        ? WireTransaction(
          number: "BJ-\(seq)", serviceItemCode: "11640181MB0001", serviceItemName: awkward, staffNumber: "A1",
          window: "7", department: "", stage: "finished") : nil,
      level: seq.isMultiple(of: 2) ? "very_satisfied" : nil,
      reasons: seq.isMultiple(of: 4) ? ["213", awkward] : [],
      checklistVersion: nil, suspectReason: nil, channel: "window_pad", detail: detail,
      hash: String(repeating: "ab", count: 32), signature: "c2lnbmF0dXJl")
  }

  static let page = RecordPage(
    device: "86aa5b210b7364e6", records: (1...9).map { record($0, detail: $0 == 3 ? awkward : nil) },
    headSeq: 12,
    acknowledgedThrough: 0, more: true)

  @Test func theWriterSpeaksWhatJSONDecoderReads() throws {
    let decoded = try JSONDecoder().decode(RecordPage.self, from: Data(Self.page.jsonBytes()))
    #expect(decoded.records == Self.page.records)
    #expect(decoded.device == Self.page.device && decoded.headSeq == 12 && decoded.more)
  }

  @Test func theReaderReadsWhatJSONEncoderWrites() throws {
    let encoded = try WireCoding.encoder().encode(Self.page)
    let read = try RecordPage(jsonBytes: Array(encoded))
    #expect(read.records == Self.page.records)
    #expect(read.acknowledgedThrough == 0 && read.headSeq == 12 && read.more)
    #expect(try RecordPage(jsonBytes: Self.page.jsonBytes()).records == Self.page.records)
  }

  @Test func bothPathsWriteTheSameKeys() throws {
    var full = Self.record(4, detail: "d")
    full.source = "counter"
    full.checklistVersion = "2026-1"
    full.suspectReason = "too_soon"
    let page = RecordPage(device: "d", records: [full], headSeq: 4, acknowledgedThrough: 3, more: false)
    func keys(_ value: JSONValue, _ path: String = "") -> [String] {
      switch value {
      case .object(let members):
        members.flatMap { [path + $0.key] + keys($0.value, path + $0.key + ".") }.sorted()
      case .array(let items): items.flatMap { keys($0, path) }
      default: []
      }
    }
    let bulk = keys(try JSONReader.parse(page.jsonBytes()))
    #expect(bulk == keys(try JSONReader.parse(Array(try WireCoding.encoder().encode(page)))))
    #expect(bulk.contains("records.transaction.service_item_code") && bulk.contains("records.suspect_reason"))
  }

  /// A reasons record with no codes (the checklist closed with none given) keeps its empty list,
  /// its checklist version and how it closed, both ways and into the ledger's form.
  @Test func anEmptyReasonsRecordTravelsAsAnEmptyList() throws {
    var record = Self.record(2, detail: "timed_out")
    record.kind = "reasons"
    record.level = "dissatisfied"
    record.reasons = []
    record.checklistVersion = "national-2"
    record.monotonicNanoseconds = 5_000_000_000
    record.transaction?.serviceItemName = "户口迁移"
    record.signature = Data(repeating: 7, count: 64).base64EncodedString()
    let json = String(decoding: record.jsonBytes(), as: UTF8.self)
    #expect(
      json.contains(
        #""level":"dissatisfied","reasons":[],"checklist_version":"national-2","channel":"window_pad","detail":"timed_out""#
      ), "\(json)")
    #expect(try WireRecord(json: try JSONReader.parse(record.jsonBytes())) == record)
    #expect(try JSONDecoder().decode(WireRecord.self, from: Data(record.jsonBytes())) == record)
    let entry = try record.ledgerRecord().entry
    #expect(entry.kind == .reasons && entry.reasons == [] && entry.level == .dissatisfied)
    #expect(entry.checklistVersion == "national-2" && entry.detail == "timed_out")
  }

  @Test func escapesAndSurrogatePairsAreRead() throws {
    let value = try JSONReader.parse(Array(#"{"a":"\u00e9\ud83d\ude00\/\b\f","b":[-7,0,true,null]}"#.utf8))
    #expect(
      value
        == .object([
          JSONMember("a", .string("é😀/\u{8}\u{c}")),
          JSONMember("b", .array([.integer(-7), .integer(0), .bool(true), .null])),
        ]))
  }

  @Test(arguments: [
    (#"{"records":[],"head_seq":1,"acknowledged_through":0,"more":false}"#, "missing field 'device'"),
    (
      #"{"device":"d","records":[{"seq":"1","utc_offset_seconds":0}],"head_seq":1,"acknowledged_through":0,"more":false}"#,
      "records[0]: missing field 'reasons'"
    ),
    (
      #"{"device":"d","records":[{"seq":"1","utc_offset_seconds":0,"reasons":[]}],"head_seq":1,"acknowledged_through":0,"more":false}"#,
      "records[0]: field 'seq' must be an integer"
    ),
    (
      #"{"device":"d","records":[],"head_seq":1.5,"acknowledged_through":0,"more":false}"#,
      "only whole numbers"
    ),
    (
      #"{"device":"d","records":[],"head_seq":99999999999999999999,"acknowledged_through":0,"more":false}"#,
      "does not fit 64 bits"
    ),
    (#"{"device":"\q"}"#, "unknown escape"),
    (#"{"device":"\ud83d"}"#, "lone surrogate"),
    (#"{"device":"d"} x"#, "unexpected data after"),
    (#"{"device":"d""#, "the object is not closed"),
    (#"{"device":"d" "x":1}"#, "expected ',' or '}'"),
    (String(repeating: "[", count: 40), "nested too deeply"),
    ("{\"device\":\"a\u{1}\"}", "control character"),
    ("", "ends where a value should be"),
  ])
  func malformedPagesAreRefusedByName(text: String, problem: String) {
    #expect {
      _ = try RecordPage(jsonBytes: Array(text.utf8))
    } throws: { error in
      (error as? JSONFormatError)?.description.contains(problem) == true
    }
  }

  @Test func invalidUTF8IsRefused() {
    let bytes = Array(#"{"device":""#.utf8) + [0xff, 0xfe] + Array(#""}"#.utf8)
    #expect(throws: JSONFormatError.self) { _ = try JSONReader.parse(bytes) }
  }
}
