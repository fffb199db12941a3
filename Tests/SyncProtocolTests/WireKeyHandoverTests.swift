import Foundation
import RecordChain
import Testing

@testable import SyncProtocol

/// A page's and a card's key handovers: the same JSON by both paths, absent when there are none,
/// and read only in the form a pad writes.
@Suite struct WireKeyHandoverTests {
  static let handover = WireKeyHandover(
    from: "86aa5b210b7364e6aa5b210b7364e686",
    publicKey: Data(repeating: 7, count: 32).base64EncodedString(), signedAtMilliseconds: 1_795_575_145_000,
    signature: Data(repeating: 9, count: 64).base64EncodedString())

  static func page(_ handovers: [WireKeyHandover]) -> RecordPage {
    RecordPage(
      device: "d", records: [WireJSONTests.record(2, detail: nil)], headSeq: 2, acknowledgedThrough: 0,
      more: false, handovers: handovers)
  }

  @Test func bothPathsCarryThePagesHandoversAlike() throws {
    let page = Self.page([Self.handover, Self.handover])
    let bulk = try RecordPage(jsonBytes: page.jsonBytes())
    let coded = try JSONDecoder().decode(RecordPage.self, from: Data(page.jsonBytes()))
    let read = try RecordPage(jsonBytes: Array(try WireCoding.encoder().encode(page)))
    #expect(bulk.handovers == [Self.handover, Self.handover])
    #expect(coded.handovers == bulk.handovers && read.handovers == bulk.handovers)
  }

  @Test func noHandoversLeaveThePageAndTheCardAsBefore() throws {
    let text = String(decoding: Self.page([]).jsonBytes(), as: UTF8.self)
    #expect(!text.contains("handovers"))
    #expect(
      !String(decoding: try WireCoding.encoder().encode(Self.page([])), as: UTF8.self).contains("handovers"))
    let card = DeviceCard(
      fingerprint: "f", publicKey: "k", areaCode: "a", department: "d", hall: "h", window: "w",
      channel: "window_pad", channelCode: 4, software: "s")
    #expect(!String(decoding: try WireCoding.encoder().encode(card), as: UTF8.self).contains("handovers"))
    #expect(try RecordPage(jsonBytes: Self.page([]).jsonBytes()).handovers == nil)
  }

  @Test func moreHandoversThanTheLimitAreRefusedByName() {
    let page = Self.page(Array(repeating: Self.handover, count: WireKeyHandover.limit + 1))
    #expect(throws: JSONFormatError.self) { try RecordPage(jsonBytes: page.jsonBytes()) }
  }

  @Test func aHandoverThatIsNotAKeyAndASignatureIsRefusedByField() {
    var short = Self.handover
    short.signature = Data(repeating: 9, count: 10).base64EncodedString()
    var notKey = Self.handover
    notKey.publicKey = "not base64"
    #expect(throws: JSONFormatError.self) { try short.keyHandover() }
    #expect(throws: JSONFormatError.self) { try notKey.keyHandover() }
    #expect(throws: Never.self) { try Self.handover.keyHandover() }
  }
}
