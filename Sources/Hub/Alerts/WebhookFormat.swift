import Foundation

/// The body a webhook is sent, and how its answer is read.
///
/// The robots' forms follow their platforms' documentation of custom group robots: 企业微信
/// (WeCom) "群机器人配置说明" (developer.work.weixin.qq.com/document/path/91770: `msgtype`
/// `markdown` with `markdown.content`, at most 4,096 bytes) and 钉钉 (DingTalk) "自定义机器人"
/// (open.dingtalk.com/document/robots/custom-robot-access: `msgtype` `markdown` with
/// `markdown.title` and `markdown.text`). Both answer HTTP 200 with `{"errcode": 0, "errmsg":
/// "ok"}` when they took the message, and another `errcode` when they did not (a wrong key, a
/// missing keyword, over 20 messages a minute), so for them 200 alone is not delivery.
public enum WebhookFormat: String, Sendable, CaseIterable {
  /// The generic JSON POST: `BadRatingAlert` as it is.
  case json
  /// 企业微信 group robot: `{"msgtype":"markdown","markdown":{"content":…}}`.
  case wecom
  /// 钉钉 group robot: `{"msgtype":"markdown","markdown":{"title":…,"text":…}}`.
  case dingtalk

  /// The most bytes of markdown a robot takes (WeCom's limit; DingTalk's is larger).
  static let markdownLimit = 4000

  /// The request body for `alert`.
  func body(_ alert: BadRatingAlert) -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let text = Self.cut(alert.markdown, toBytes: Self.markdownLimit)
    let data: Data?
    switch self {
    case .json: data = try? encoder.encode(alert)
    case .wecom: data = try? encoder.encode(["msgtype": "markdown", "markdown": ["content": text]] as Robot)
    case .dingtalk:
      // A blank line between lines: DingTalk's renderer joins lines a single break separates.
      let paragraphs = text.replacingOccurrences(of: "\n", with: "\n\n")
      data = try? encoder.encode(
        [
          "msgtype": "markdown",
          "markdown": ["title": String(alert.headline.prefix(64)), "text": paragraphs],
        ]
          as Robot)
    }
    // Encoding strings and numbers cannot fail; an empty body would be refused and retried, not lost.
    return Array(data ?? Data())
  }

  /// Why an answer with a 2xx status is not a delivery, or nil when it is: for the robots, a
  /// reply whose `errcode` is not 0 (or that is not their JSON at all).
  func problem(acceptedReply body: [UInt8]) -> String? {
    guard self != .json else { return nil }
    guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
      let code = object["errcode"] as? Int
    else { return "the robot's reply has no errcode: \(Self.excerpt(body))" }
    guard code == 0 else {
      return "errcode \(code): \(String(String(describing: object["errmsg"] ?? "").prefix(200)))"
    }
    return nil
  }

  /// The start of an answer, for the delivery's last error: printable, at most 200 characters.
  static func excerpt(_ body: [UInt8]) -> String {
    String(String(decoding: body.prefix(800), as: UTF8.self).map { $0.isNewline ? " " : $0 }.prefix(200))
  }

  /// `text` cut at a character boundary to at most `limit` UTF-8 bytes.
  static func cut(_ text: String, toBytes limit: Int) -> String {
    guard text.utf8.count > limit else { return text }
    var result = ""
    var bytes = 0
    for character in text {
      bytes += character.utf8.count
      if bytes > limit - 3 { break }
      result.append(character)
    }
    return result + "…"
  }

  private typealias Robot = [String: RobotValue]

  /// A robot body's value: the message type's name, or its fields.
  private enum RobotValue: Encodable, ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral {
    case text(String)
    case fields([String: String])

    init(stringLiteral value: String) { self = .text(value) }
    init(dictionaryLiteral elements: (String, String)...) {
      self = .fields(Dictionary(elements, uniquingKeysWith: { first, _ in first }))
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .text(let text): try container.encode(text)
      case .fields(let fields): try container.encode(fields)
      }
    }
  }
}
