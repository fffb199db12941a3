import Foundation

/// Reads a province's reply to a batch by the profile's `[reply]` rules.
struct ReplyReader {
  let rules: ReplyRules

  /// What the reply says.
  enum Reading: Equatable {
    /// One answer for each rating of the batch.
    case answers([ProvinceAnswer])
    /// The province did not take the token (or the signature): fetch a new one, send again later.
    case authenticationRefused(String)
  }

  /// The longest province text and id kept: a reply is the province's, not ours to store whole.
  static let textLimit = 500
  static let idLimit = 128

  /// Reads `status`, `headers` and `body` for a batch of `count`.
  func read(status: Int, headers: [(String, String)], body: [UInt8], count: Int) -> Reading {
    let snippet = String(decoding: body.prefix(300), as: UTF8.self)
    if status == 401 || status == 403 {
      return .authenticationRefused("HTTP \(status): \(soapFault(body) ?? snippet)")
    }
    guard (200..<300).contains(status) else {
      return .answers(Array(repeating: .transient(reason: "HTTP \(status): \(snippet)"), count: count))
    }
    guard var fields = outcome(headers: headers, body: body) else {
      return .answers(Array(repeating: .transient(reason: "unreadable reply: \(snippet)"), count: count))
    }
    fields.message = fields.message.map { String($0.prefix(Self.textLimit)) }
    fields.id = fields.id.map { String($0.prefix(Self.idLimit * max(1, count))) }
    let code = String((fields.code ?? "").prefix(Self.idLimit))
    if rules.success.contains(code) {
      let ids = (fields.id ?? "").split(separator: ",").map {
        String($0).trimmingCharacters(in: .whitespaces)
      }
      return .answers(
        (0..<count).map { index in
          .stored(provinceID: index < ids.count ? ids[index] : (count == 1 ? fields.id : nil))
        })
    }
    let text = fields.message.flatMap { $0.isEmpty ? nil : $0 } ?? "code \(code)"
    if rules.duplicate.contains(where: { text.contains($0) }) {
      return .answers(Array(repeating: .duplicate(text: text), count: count))
    }
    return .answers(Array(repeating: .refused(text: text), count: count))
  }

  private struct Outcome {
    var code: String?
    var message: String?
    var id: String?
  }

  private func outcome(headers: [(String, String)], body: [UInt8]) -> Outcome? {
    switch rules.form {
    case .header:
      func header(_ name: String?) -> String? {
        guard let name else { return nil }
        return headers.first { $0.0.lowercased() == name.lowercased() }.map { WireText.percentDecoded($0.1) }
      }
      guard let code = header(rules.code) else { return nil }
      return Outcome(code: code, message: header(rules.message) ?? code, id: header(rules.id))
    case .json:
      guard let json = ReplyJSON.parse(body), let code = json.text(at: rules.code) else { return nil }
      return Outcome(
        code: code, message: rules.message.flatMap(json.text(at:)), id: rules.id.flatMap(json.text(at:)))
    case .soap(let returnElement):
      guard let inner = XMLTexts.read(body, names: [returnElement])[returnElement] else { return nil }
      let texts = XMLTexts.read(
        Array(inner.utf8), names: [rules.code, rules.message, rules.id].compactMap { $0 })
      guard let code = texts[rules.code] else { return nil }
      return Outcome(
        code: code, message: rules.message.flatMap { texts[$0] }, id: rules.id.flatMap { texts[$0] })
    }
  }

  private func soapFault(_ body: [UInt8]) -> String? {
    XMLTexts.read(body, names: ["faultstring"])["faultstring"]
  }
}
