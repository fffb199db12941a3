import Foundation

/// A JSON reply read without a schema: provinces answer codes as strings, numbers or booleans.
indirect enum ReplyJSON: Decodable {
  case text(String)
  case list([ReplyJSON])
  case object([String: ReplyJSON])
  case null

  init(from decoder: any Decoder) throws {
    let single = try decoder.singleValueContainer()
    if single.decodeNil() {
      self = .null
    } else if let flag = try? single.decode(Bool.self) {
      self = .text(flag ? "true" : "false")
    } else if let number = try? single.decode(Int64.self) {
      self = .text(String(number))
    } else if let number = try? single.decode(Double.self) {
      self = .text(String(number))
    } else if let text = try? single.decode(String.self) {
      self = .text(text)
    } else if let list = try? single.decode([ReplyJSON].self) {
      self = .list(list)
    } else {
      self = .object(try single.decode([String: ReplyJSON].self))
    }
  }

  /// Parses `bytes`; nil when they are not JSON.
  static func parse(_ bytes: [UInt8]) -> ReplyJSON? {
    try? JSONDecoder().decode(ReplyJSON.self, from: Data(bytes))
  }

  /// The text at a dotted path (a list's texts joined by commas).
  func text(at path: String) -> String? {
    var current: ReplyJSON? = self
    for key in path.split(separator: ".") {
      guard case .object(let members) = current else { return nil }
      current = members[String(key)]
    }
    switch current {
    case .text(let text): return text
    case .list(let items):
      return items.compactMap { if case .text(let text) = $0 { text } else { nil } }.joined(separator: ",")
    default: return nil
    }
  }
}
