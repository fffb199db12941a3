import ConfigurationFile
import Crypto
import Foundation
import NationalCrypto
import Testing

@testable import ProvinceInterface

/// The profiles shipped in Device/provinces load, and write a rating the way provinces.md and the
/// simulators (Tests/province) describe each interface.
@Suite struct ShippedProfileTests {
  static let directory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Device/provinces").path

  static func profile(_ name: String) throws -> ProvinceProfile {
    try ProvinceProfile.load(path: "\(directory)/\(name).toml")
  }

  /// 2025-12-05 10:30:00 China Standard Time.
  static let ratedAt: Int64 = 1_764_901_800_000

  static let item = UplinkItem(
    caseNumber: "330100-2026-000123", stage: "finished",
    values: [
      "rating.level": "dissatisfied", "rating.reasons": "213,214", "rating.time": String(ratedAt),
      "device.channel": "window_pad", "case.credit_code": "11330100MB1234567X",
      "case.task_code": "330100-TASK-9",
      "case.status": "finished", "applicant.name": "张三", "applicant.type": "natural_person",
      "applicant.certificate_type": "id_card", "case.task_name": "不动产登记",
    ])

  @Test(arguments: ["zhejiang", "shandong", "fujian", "beijing"])
  func everyShippedProfileLoads(name: String) throws {
    let profile = try Self.profile(name)
    #expect(profile.name == name)
  }

  @Test func aRatingIsWrittenWithTheProvincesCodes() throws {
    let fields = try Self.profile("zhejiang").fields(
      for: Self.item, settings: ["area_code": "330100", "area_name": "杭州市", "data_source": "133"])
    let byName = Dictionary(uniqueKeysWithValues: fields)
    #expect(byName["satisfaction"] == "2")
    #expect(byName["pf"] == "4")
    #expect(byName["assessNumber"] == "2")
    #expect(byName["proStatus"] == "3")
    #expect(byName["evalDetail"] == "213,214")
    #expect(byName["assessTime"] == "2025-12-05 10:30:00")
    #expect(byName["dataSource"] == "133")
  }

  @Test func fieldsGoOutInTheOrderTheProfileWritesThem() throws {
    let fields = try Self.profile("fujian").fields(
      for: Self.item, settings: ["region_code": "350100", "app_key": "k"])
    #expect(fields.prefix(4).map(\.0) == ["projectNo", "proStatus", "businessCode", "regionCode"])
    #expect(fields.last?.0 == "evaluateTime")
  }

  @Test func aStepThatTakesNoKeyRefusesOne() throws {
    #expect(throws: ProfileProblem.self) { try ValueStep("sm3 $key") }
    #expect(try ValueStep("sm4-ecb $key") == .sm4ECB(key: "key"))
  }

  @Test func aValueNotKnownYetHoldsTheRatingBackAndSaysWhich() throws {
    let bare = UplinkItem(
      caseNumber: "X-1", stage: "finished",
      values: ["rating.level": "satisfied", "rating.time": "0", "device.channel": "window_pad"])
    #expect(throws: ItemProblem.missing(field: "proStatus", source: "case.status")) {
      try Self.profile("fujian").fields(for: bare, settings: ["region_code": "350100", "app_key": "k"])
    }
  }

  @Test func aCharacterGB2312LacksIsRefusedNamingIt() throws {
    var values = Self.item.values
    values["applicant.name"] = "王𠀋"
    let item = UplinkItem(caseNumber: Self.item.caseNumber, stage: "finished", values: values)
    #expect(throws: ItemProblem.self) {
      try Self.profile("fujian").fields(for: item, settings: ["region_code": "350100", "app_key": "k"])
    }
  }

  @Test func theShandongEnvelopeIsSignedWithMD5OfTimeMarkAndWord() throws {
    let profile = try Self.profile("shandong")
    let connection = ProvinceConnection(
      baseURL: "http://127.0.0.1:1", settings: ["app_mark": "mark"], secrets: ["app_word": "word"])
    let fields = try profile.fields(for: Self.item, settings: connection.settings)
    var renderer = RequestRenderer(
      profile: profile, connection: connection, token: nil, now: Self.ratedAt, items: [fields])
    let request = try renderer.render(profile.request)
    #expect(request.url == "http://127.0.0.1:1/gateway/evaluation/push")
    #expect(request.headers.contains { $0 == ("C-Tenancy-Id", "370000000000") })
    let body = try #require(try JSONSerialization.jsonObject(with: Data(request.body)) as? [String: Any])
    let envelope = try #require(body["txnBodyCom"] as? [String: Any])
    #expect(envelope["time"] as? String == "20251205103000")
    #expect(
      envelope["sign"] as? String
        == Hex.string(Array(Insecure.MD5.hash(data: Array("20251205103000markword".utf8)))))
    let evaluate = try #require((envelope["params"] as? [String: Any])?["evaluate"] as? [[String: String]])
    #expect(evaluate.first?["projectNo"] == "330100-2026-000123")
    #expect(evaluate.first?["serviceNumber"] == "2")
  }

  /// A small profile with `request` and `fields` as given, loaded; its error, if it has one.
  static func loadError(request: String, fields: String) -> ConfigurationError? {
    let text = """
      [profile]
      name = "broken"
      [request]
      path = "/x"
      \(request)
      [fields]
      \(fields)
      [reply]
      code = "result"
      success = ["0"]
      """
    do {
      _ = try ProvinceProfile.load(text: text, file: "broken.toml")
      return nil
    } catch {
      return error
    }
  }

  @Test func aProfileWithAnUnknownReferenceIsRefusedNamingFileLineAndKey() {
    let error = Self.loadError(
      request: "body = \"form\"\nform = { sign = \"$nowhere\" }", fields: "projectNo = \"case.number\"")
    #expect(error?.file == "broken.toml" && error?.line != nil && error?.problem.contains("$nowhere") == true)
  }

  @Test func theBatchIsRefusedOutsideJSON() {
    let error = Self.loadError(
      request: "body = \"form\"\nform = { data = \"$items\" }", fields: "projectNo = \"case.number\"")
    #expect(error?.problem.contains("$items") == true, "\(String(describing: error))")
  }

  @Test func aFieldReadingSomethingWeDoNotHaveIsRefused() {
    let error = Self.loadError(request: "body = \"item-form\"", fields: "projectNo = \"case.numbr\"")
    #expect(error?.key == "fields.projectNo" && error?.line == 7, "\(String(describing: error))")
  }

}
