import Foundation
import TestSupport
import Testing

@testable import ProvinceInterface

/// Replies read by the shipped profiles' rules: stored, already stored, refused, not understood;
/// and nothing a province sends can crash the hub.
@Suite struct ReplyReaderTests {
  static func reader(_ name: String) throws -> ReplyReader {
    ReplyReader(rules: try ShippedProfileTests.profile(name).reply)
  }

  @Test func aZhejiangReplyReadsAsStoredDuplicateOrRefused() throws {
    let reader = try Self.reader("zhejiang")
    func read(_ json: String) -> ReplyReader.Reading {
      reader.read(status: 200, headers: [], body: Array(json.utf8), count: 1)
    }
    #expect(
      read(#"{"result": "0", "resultmsg": "成功", "id": "ZJ1"}"#) == .answers([.stored(provinceID: "ZJ1")]))
    #expect(read(#"{"result": "1", "resultmsg": "该办件已评价"}"#) == .answers([.duplicate(text: "该办件已评价")]))
    #expect(
      read(#"{"result": "1", "resultmsg": "缺少参数: deptCode"}"#) == .answers([.refused(text: "缺少参数: deptCode")])
    )
    #expect(read("<html>502</html>") == .answers([.transient(reason: "unreadable reply: <html>502</html>")]))
  }

  @Test func aShandongBatchReadsItsHeaderAndIds() throws {
    let reader = try Self.reader("shandong")
    let stored = reader.read(
      status: 200, headers: [("C-Response-Desc", "success"), ("C-Response-Ids", "SD1,SD2")], body: [],
      count: 2)
    #expect(stored == .answers([.stored(provinceID: "SD1"), .stored(provinceID: "SD2")]))
    let refused = reader.read(
      status: 200,
      headers: [
        ("c-response-desc", "%E8%AF%84%E4%BB%B7%E6%95%B0%E6%8D%AE%E4%B8%8D%E5%8F%AF%E9%87%8D%E5%A4%8D")
      ],
      body: [], count: 1)
    #expect(refused == .answers([.duplicate(text: "评价数据不可重复")]))
  }

  @Test func aFujianSoapReplyReadsTheDocumentInItsReturn() throws {
    let reader = try Self.reader("fujian")
    let envelope = """
      <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>\
      <ns2:getSaveEvaluationResponse xmlns:ns2="http://ws.evaluation.fj.gov.cn/"><return>&lt;Result&gt;\
      &lt;code&gt;200&lt;/code&gt;&lt;msg&gt;成功&lt;/msg&gt;&lt;evaluateUnid&gt;FJ7&lt;/evaluateUnid&gt;&lt;/Result&gt;\
      </return></ns2:getSaveEvaluationResponse></soap:Body></soap:Envelope>
      """
    #expect(
      reader.read(status: 200, headers: [], body: Array(envelope.utf8), count: 1)
        == .answers([.stored(provinceID: "FJ7")]))
    let fault = "<Envelope><Body><Fault><faultstring>token无效或已过期</faultstring></Fault></Body></Envelope>"
    #expect(
      reader.read(status: 401, headers: [], body: Array(fault.utf8), count: 1)
        == .authenticationRefused("HTTP 401: token无效或已过期"))
  }

  @Test func aProvincesTextIsKeptToItsLimit() throws {
    let long = String(repeating: "错", count: 10_000)
    let reading = try Self.reader("beijing").read(
      status: 200, headers: [], body: Array(#"{"success": false, "errorMessage": "\#(long)"}"#.utf8), count: 1
    )
    guard case .answers(let answers) = reading, case .refused(let text) = answers.first else {
      Issue.record("\(reading)")
      return
    }
    #expect(text.count == ReplyReader.textLimit)
  }

  /// Seeded mutations of real replies through each profile's reader: every one is read as some
  /// answer, one per rating, and none crashes.
  @Test(arguments: ["zhejiang", "shandong", "fujian", "beijing"])
  func mutatedRepliesNeverCrash(profile: String) throws {
    let reader = try Self.reader(profile)
    let seeds = [
      #"{"result": "0", "resultmsg": "成功", "id": "ZJ1", "success": true, "serviceCodes": ["BJ1"]}"#,
      "<soap:Envelope><soap:Body><return>&lt;Result&gt;&lt;code&gt;200&lt;/code&gt;&lt;/Result&gt;</return></soap:Body></soap:Envelope>",
    ].map { Array($0.utf8) }
    var generator = SplitMix64(seed: 25)
    for round in 0..<2000 {
      var body = seeds[round % seeds.count]
      for _ in 0..<(1 + Int(generator.next() % 8)) {
        let position = Int(generator.next() % UInt64(max(1, body.count)))
        switch generator.next() % 3 {
        case 0: if !body.isEmpty { body[position] = UInt8(truncatingIfNeeded: generator.next()) }
        case 1: body.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
        default: if !body.isEmpty { body.remove(at: position) }
        }
      }
      let count = 1 + round % 3
      let headers = [("C-Response-Desc", String(decoding: body.prefix(40), as: UTF8.self))]
      switch reader.read(status: [200, 401, 500][round % 3], headers: headers, body: body, count: count) {
      case .answers(let answers): #expect(answers.count == count)
      case .authenticationRefused: break
      }
    }
  }
}
