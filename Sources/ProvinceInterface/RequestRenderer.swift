import NationalCrypto

/// Writes a profile's request for one batch: computes each value once (the time in the sign and
/// in the body is the same time), fills the templates, encodes and encrypts as the profile says.
struct RequestRenderer {
  let profile: ProvinceProfile
  let connection: ProvinceConnection
  let token: String?
  let now: Int64
  /// The batch: each rating's fields, in the profile's order.
  let items: [[(String, String)]]
  private var computed: [String: ValuePiece] = [:]

  init(
    profile: ProvinceProfile, connection: ProvinceConnection, token: String?, now: Int64,
    items: [[(String, String)]]
  ) {
    self.profile = profile
    self.connection = connection
    self.token = token
    self.now = now
    self.items = items
  }

  /// The request `shape` describes.
  mutating func render(_ shape: RequestShape) throws -> RenderedRequest {
    var headers: [(String, String)] = []
    for (name, template) in shape.headers { headers.append((name, try fill(template))) }
    var query: [(String, String)] = []
    for (name, template) in shape.query { query.append((name, try fill(template))) }
    var body: [UInt8] = []
    func header(_ name: String, _ value: String) {
      if !headers.contains(where: { $0.0.lowercased() == name.lowercased() }) {
        headers.append((name, value))
      }
    }
    switch shape.body {
    case .none: break
    case .itemForm:
      body = Array(WireText.formFields(items.first ?? []).utf8)
      header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
    case .form(let fields):
      var filled: [(String, String)] = []
      for (name, template) in fields { filled.append((name, try fill(template))) }
      body = Array(WireText.formFields(filled).utf8)
      header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
    case .json(let template):
      body = Array(try json(template).utf8)
      header("Content-Type", "application/json; charset=utf-8")
    case .soap(let operation, let namespace, let arguments):
      var xml = """
        <?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" \
        xmlns:ws="\(WireText.xml(namespace))"><soapenv:Header/><soapenv:Body><ws:\(operation)>
        """
      for (name, template) in arguments { xml += "<\(name)>\(WireText.xml(try fill(template)))</\(name)>" }
      xml += "</ws:\(operation)></soapenv:Body></soapenv:Envelope>"
      body = Array(xml.utf8)
      header("Content-Type", "text/xml; charset=utf-8")
      header("SOAPAction", "\"\(operation)\"")
    }
    let base = connection.baseURL.hasSuffix("/") ? String(connection.baseURL.dropLast()) : connection.baseURL
    let url = base + shape.path + (query.isEmpty ? "" : "?" + WireText.formFields(query))
    return RenderedRequest(method: shape.method, url: url, headers: headers, body: body)
  }

  private mutating func fill(_ template: ValueTemplate) throws -> String {
    var out = ""
    for part in template.parts {
      switch part {
      case .literal(let text): out += text
      case .reference(let name): out += try lookup(name).text
      }
    }
    return out
  }

  private mutating func json(_ template: JSONTemplate) throws -> String {
    switch template {
    case .string(let text):
      if text.soleReference == "items" { return itemsJSON() }
      return WireText.json(try fill(text))
    case .object(let members):
      var parts: [String] = []
      for (name, member) in members { parts.append(WireText.json(name) + ":" + (try json(member))) }
      return "{" + parts.joined(separator: ",") + "}"
    }
  }

  private func itemsJSON() -> String {
    "["
      + items.map { fields in
        let object = WireText.jsonObject(fields)
        return profile.itemWrap.map { "{" + WireText.json($0) + ":" + object + "}" } ?? object
      }.joined(separator: ",") + "]"
  }

  private func itemXML() -> String {
    let root = profile.xmlRoot
    let fields = (items.first ?? []).map { "<\($0.0)>\(WireText.xml($0.1))</\($0.0)>" }.joined()
    return "<?xml version=\"1.0\" encoding=\"\(profile.xmlEncoding)\"?><\(root)>\(fields)</\(root)>"
  }

  private mutating func lookup(_ name: String) throws -> ValuePiece {
    if let done = computed[name] { return done }
    let piece: ValuePiece
    if name.hasPrefix("setting.") {
      piece = .text(connection.settings[String(name.dropFirst(8))] ?? "")
    } else if name.hasPrefix("secret.") {
      piece = .text(connection.secrets[String(name.dropFirst(7))] ?? "")
    } else if name == "token" {
      piece = .text(token ?? "")
    } else if let value = profile.values[name] {
      var current: ValuePiece
      switch value.source {
      case .text(let template): current = .text(try fill(template))
      case .clock(let format): current = .text(format.write(milliseconds: now))
      case .itemsJSON: current = .text(itemsJSON())
      case .itemsXML: current = .text(itemXML())
      case .json(let template): current = .text(try json(template))
      }
      for step in value.steps {
        let key = try step.keyReference.map { reference in try lookup(reference) }
        current = try step.apply(current, key: key)
      }
      piece = current
    } else {
      throw ProfileProblem("$\(name) is not known")
    }
    computed[name] = piece
    return piece
  }
}
