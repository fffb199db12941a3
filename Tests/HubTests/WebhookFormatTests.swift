import Foundation
import RatingModel
import SyncProtocol
import SyncTestSupport
import Testing

@testable import Hub

/// Unit tests of `[[webhook]]` and of what each format sends.
@Suite struct WebhookFormatTests {
  @Test func theWebhooksAreReadWithErrorsNamingFileLineAndKey() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("webhook-config-\(UUID())")
      .path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try "secret-token\n".write(toFile: directory + "/hook.token", atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: directory + "/hook.token")
    let path = directory + "/hub.toml"
    func load(_ webhooks: String) throws -> HubConfiguration {
      try "database = \"x.sqlite\"\n\(webhooks)\n".write(toFile: path, atomically: true, encoding: .utf8)
      return try HubConfiguration.load(path: path)
    }
    #expect(try load("").webhooks.isEmpty)
    let loaded = try load(
      """
      [[webhook]]
      name = "hall"
      url = "https://example.org/hook"
      token_file = "\(directory)/hook.token"
      timeout_seconds = 5
      [[webhook]]
      name = "duty"
      url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc"
      format = "wecom"
      """)
    #expect(loaded.webhooks.map(\.name) == ["hall", "duty"])
    #expect(loaded.webhooks[0].format == .json && loaded.webhooks[0].token == "secret-token")
    #expect(loaded.webhooks[0].timeout == .seconds(5) && loaded.webhooks[1].timeout == .seconds(10))
    #expect(loaded.webhooks[1].format == .wecom && loaded.webhooks[1].token == nil)
    for (text, key, said) in [
      ("[[webhook]]\nurl = \"http://a/b\"", "webhook[0].name", "is required"),
      ("[[webhook]]\nname = \"a\"", "webhook[0].url", "is required"),
      ("[[webhook]]\nname = \"a\"\nurl = \"ftp://a/b\"", "webhook[0].url", "not an http:// or https://"),
      ("[[webhook]]\nname = \"a\"\nurl = \"http://\"", "webhook[0].url", "with a host"),
      ("[[webhook]]\nname = \"a b\"\nurl = \"http://a/b\"", "webhook[0].name", "letters, digits"),
      (
        "[[webhook]]\nname = \"a\"\nurl = \"http://a/b\"\nformat = \"slack\"", "webhook[0].format",
        "'slack' is not one of: json, wecom, dingtalk"
      ),
      (
        "[[webhook]]\nname = \"a\"\nurl = \"http://a/b\"\ntimeout_seconds = 0", "webhook[0].timeout_seconds",
        "out of range"
      ),
      (
        "[[webhook]]\nname = \"a\"\nurl = \"http://a/b\"\ntoken_file = \"\(directory)/none\"",
        "webhook[0].token_file", "none"
      ),
      ("[[webhook]]\nname = \"a\"\nurl = \"http://a/b\"\nsecret = \"x\"", "webhook[0].secret", "unknown key"),
      (
        "[[webhook]]\nname = \"a\"\nurl = \"http://a/b\"\n[[webhook]]\nname = \"a\"\nurl = \"http://c/d\"",
        "webhook[1].name", "names another webhook"
      ),
      ("webhook = \"http://a/b\"", "webhook", "array of tables"),
    ] {
      do {
        _ = try load(text)
        Issue.record("\(text) was accepted")
      } catch {
        #expect(
          "\(error)".contains("hub.toml:") && "\(error)".contains("\(key): ") && "\(error)".contains(said),
          "\(error)")
      }
    }
    // A robot's key is never repeated in an error.
    do { _ = try load("[[webhook]]\nname = \"a\"\nurl = \"https://x y/send?key=SECRET\"") } catch {
      #expect(!"\(error)".contains("SECRET"), "\(error)")
    }
  }

  /// A stored bad rating with its reasons, as the deliverer builds it.
  private func alert(reasons: [String] = ["115", "L01"]) throws -> BadRatingAlert {
    let pad = try TestPad()
    let records = try pad.writer.append([TestPad.rating(4)], at: .now(clockKnown: true))
    return BadRatingAlert(
      record: WireRecord(records[0]), wallMilliseconds: 1_764_927_000_123, card: pad.card,
      deviceName: "window-3",
      reasonCodes: reasons)
  }

  @Test func theJSONPayloadCarriesEveryDocumentedField() throws {
    let alert = try alert()
    let body = WebhookFormat.json.body(alert)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
    #expect(
      Set(object.keys) == [
        "event", "uuid", "device", "seq", "device_name", "hall", "area_code", "window", "staff_number",
        "department", "service_item_code", "service_item_name", "transaction_number", "level", "level_label",
        "level_points", "time", "reasons", "console_url",
      ])
    #expect(object["level"] as? String == "very_dissatisfied" && object["level_label"] as? String == "非常不满意")
    #expect(object["level_points"] as? Int == 1 && object["transaction_number"] as? String == "BJ-2026-4")
    #expect(object["time"] as? String == "2025-12-05T17:30:00.123+08:00")
    #expect(object["staff_number"] as? String == "S1" && object["window"] as? String == "3")
    #expect(
      object["reasons"] as? [[String: String]] == [
        ["code": "115", "label": "服务态度差效率低"], ["code": "L01", "label": ""],
      ])
    #expect(try JSONDecoder().decode(BadRatingAlert.self, from: Data(body)) == alert)
  }

  @Test func theRobotsGetTheirMarkdownChineseFirst() throws {
    let alert = try alert()
    #expect(alert.headline == "【差评提醒】灵武市政务服务大厅 3号窗口 工号S1 非常不满意")
    let wecom = try #require(
      try JSONSerialization.jsonObject(with: Data(WebhookFormat.wecom.body(alert))) as? [String: Any])
    #expect(wecom["msgtype"] as? String == "markdown")
    let content = try #require((wecom["markdown"] as? [String: String])?["content"])
    #expect(content.hasPrefix("**【差评提醒】灵武市政务服务大厅 3号窗口 工号S1 非常不满意**\n> 时间：2025-12-05 17:30:00\n"))
    #expect(content.contains("> 原因：服务态度差效率低(115)；L01") && content.contains("> 办件编号：BJ-2026-4"))
    #expect(content.hasSuffix("Bad rating (very dissatisfied) at 灵武市政务服务大厅, window 3, staff S1"))
    let dingtalk = try #require(
      try JSONSerialization.jsonObject(with: Data(WebhookFormat.dingtalk.body(alert))) as? [String: Any])
    #expect(dingtalk["msgtype"] as? String == "markdown")
    let markdown = try #require(dingtalk["markdown"] as? [String: String])
    #expect(
      markdown["title"] == alert.headline
        && markdown["text"] == content.replacingOccurrences(of: "\n", with: "\n\n"))
    // No reasons yet: said so.
    #expect(try self.alert(reasons: []).markdown.contains("> 原因：尚未选择 (none yet)"))
  }

  @Test func aRobotsAnswerCountsOnlyWithErrcodeZero() {
    #expect(WebhookFormat.wecom.problem(acceptedReply: Array(#"{"errcode":0,"errmsg":"ok"}"#.utf8)) == nil)
    #expect(
      WebhookFormat.dingtalk.problem(
        acceptedReply: Array(#"{"errcode":310000,"errmsg":"keywords not in content"}"#.utf8))
        == "errcode 310000: keywords not in content")
    #expect(
      WebhookFormat.wecom.problem(acceptedReply: Array("<html>".utf8))?.hasPrefix(
        "the robot's reply has no errcode") == true)
    #expect(WebhookFormat.json.problem(acceptedReply: Array("anything".utf8)) == nil)
    #expect(WebhookFormat.cut(String(repeating: "差", count: 2000), toBytes: 4000).utf8.count <= 4000)
  }
}
