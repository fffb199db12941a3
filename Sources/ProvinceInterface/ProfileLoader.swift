import ConfigurationFile

extension ProvinceProfile {
  /// Reads and checks a profile file; every error names the file, line and key.
  public static func load(path: String) throws(ConfigurationError) -> ProvinceProfile {
    try load(TOMLSection.root(readingFile: path))
  }

  /// Reads and checks a profile's text (`file` names it in errors).
  public static func load(text: String, file: String) throws(ConfigurationError) -> ProvinceProfile {
    try load(TOMLSection.root(parsing: text, file: file))
  }

  static func load(_ root: TOMLSection) throws(ConfigurationError) -> ProvinceProfile {
    try root.rejectUnknownKeys(allowed: [
      "profile", "request", "token", "values", "items", "fields", "tables", "reply",
    ])
    let profile = try root.section("profile", required: true)!
    try profile.rejectUnknownKeys(allowed: [
      "name", "description", "batch", "rate_per_second", "concurrency", "timeout_seconds",
    ])
    let batch = try profile.int("batch", in: 1...500) ?? 1
    let items = try root.section("items")
    try items?.rejectUnknownKeys(allowed: ["wrap", "xml_root", "xml_encoding"])
    let xmlEncoding = try items?.string("xml_encoding") ?? "UTF-8"
    guard ["UTF-8", "GB2312"].contains(xmlEncoding) else {
      throw items!.error("xml_encoding", "'\(xmlEncoding)' is not UTF-8 or GB2312")
    }

    let tokenSection = try root.section("token")
    let token = try tokenSection.map { section throws(ConfigurationError) in try readToken(section) }
    let request = try readRequest(try root.section("request", required: true)!, token: false)
    let values = try readValues(try root.section("values"))
    let tables = try readTables(try root.section("tables"))
    let fields = try readFields(try root.section("fields", required: true)!, tables: tables)
    let reply = try readReply(try root.section("reply", required: true)!)

    // Every name a template reads must be something: a value, a setting, a secret, the token,
    // the batch.
    var settings = Set(fields.compactMap { if case .setting(let name) = $0.source { name } else { nil } })
    var secrets: Set<String> = []
    func check(_ names: [String], _ section: TOMLSection, _ key: String, itemsAllowed: Bool)
      throws(ConfigurationError)
    {
      for name in names {
        if name.hasPrefix("setting.") {
          settings.insert(String(name.dropFirst(8)))
        } else if name.hasPrefix("secret.") {
          secrets.insert(String(name.dropFirst(7)))
        } else if name == "token" {
          guard token != nil else {
            throw section.error(key, "$token is read, but the profile has no [token]")
          }
        } else if name == "items" {
          guard itemsAllowed else {
            throw section.error(key, "$items (the batch) belongs only in a JSON body or an items value")
          }
        } else if let value = values[name] {
          guard value.kind == .text else {
            throw section.error(key, "$\(name) is bytes: end its steps with hex, upper-hex or base64")
          }
        } else {
          throw section.error(
            key, "$\(name) is not a value of [values], nor setting.NAME, secret.NAME, token or items")
        }
      }
    }
    // The batch goes only where JSON is written: the JSON body, or a JSON or items value.
    var jsonBody: [String] = []
    if case .json(let template) = request.body { jsonBody = template.references }
    try check(jsonBody, root, "request.json", itemsAllowed: true)
    try check(
      RequestShape(
        method: request.method, path: request.path, query: request.query, headers: request.headers,
        body: request.body.withoutJSON
      ).references, root, "request", itemsAllowed: false)
    if let token { try check(token.request.references, root, "token", itemsAllowed: false) }
    let valuesSection = try root.section("values")
    for (name, value) in values {
      guard value.kind != nil else {
        throw valuesSection!.error("\(name).steps", "a step cannot take what the step before it gives")
      }
      // Keys of steps may be bytes (an SM4 key); the rest must be text.
      let keys = Set(value.steps.compactMap(\.keyReference))
      for key in keys where values[key] == nil && !key.hasPrefix("setting.") && !key.hasPrefix("secret.") {
        throw valuesSection!.error("\(name).steps", "$\(key) is not a value, setting or secret")
      }
      for key in keys {
        if key.hasPrefix("setting.") { settings.insert(String(key.dropFirst(8))) }
        if key.hasPrefix("secret.") { secrets.insert(String(key.dropFirst(7))) }
      }
      try check(
        value.references.filter { !keys.contains($0) }, valuesSection!, name,
        itemsAllowed: value.source == .itemsJSON || value.source == .itemsXML)
      if value.source == .itemsXML || request.body == .itemForm, batch != 1 {
        throw profile.error(
          "batch", "an interface taking one rating's fields or XML document takes batch = 1")
      }
    }
    if request.body == .itemForm, batch != 1 {
      throw profile.error("batch", "an interface taking one rating's fields takes batch = 1")
    }
    if let cycle = Self.cycle(in: values) {
      throw valuesSection!.error(cycle, "refers to itself through other values")
    }
    return ProvinceProfile(
      name: try profile.requiredString("name"), description: try profile.string("description") ?? "",
      batch: batch, ratePerSecond: try profile.int("rate_per_second", in: 1...1000) ?? 10,
      concurrency: try profile.int("concurrency", in: 1...16) ?? 1,
      timeoutSeconds: try profile.int("timeout_seconds", in: 1...300) ?? 30, request: request, token: token,
      values: values, fields: fields, tables: tables, itemWrap: try items?.string("wrap"),
      xmlRoot: try items?.string("xml_root") ?? "Case", xmlEncoding: xmlEncoding, reply: reply,
      settingNames: settings, secretNames: secrets)
  }

  private static func cycle(in values: [String: ProfileValue]) -> String? {
    var done: Set<String> = []
    func visit(_ name: String, _ path: Set<String>) -> String? {
      if path.contains(name) { return name }
      guard !done.contains(name), let value = values[name] else { return nil }
      for next in value.references { if let found = visit(next, path.union([name])) { return found } }
      done.insert(name)
      return nil
    }
    for name in values.keys.sorted() { if let found = visit(name, []) { return found } }
    return nil
  }

  private static func templates(_ section: TOMLSection?) throws(ConfigurationError) -> [(
    String, ValueTemplate
  )] {
    guard let section else { return [] }
    var result: [(String, ValueTemplate)] = []
    for key in section.keys {
      let text = try section.requiredString(key)
      do { result.append((key, try ValueTemplate(text))) } catch {
        throw section.error(key, error.description)
      }
    }
    return result
  }

  private static func json(_ section: TOMLSection) throws(ConfigurationError) -> JSONTemplate {
    var members: [(String, JSONTemplate)] = []
    for key in section.keys {
      if section.holdsString(key) {
        do { members.append((key, .string(try ValueTemplate(try section.requiredString(key))))) } catch {
          throw section.error(key, "\(error)")
        }
      } else {
        members.append((key, try json(try section.section(key)!)))
      }
    }
    return .object(members)
  }

  private static func readRequest(_ section: TOMLSection, token: Bool) throws(ConfigurationError)
    -> RequestShape
  {
    try section.rejectUnknownKeys(
      allowed: token
        ? [
          "method", "path", "query", "headers", "field", "lifetime_field", "lifetime_seconds",
          "renew_before_seconds",
        ]
        : ["method", "path", "query", "headers", "body", "form", "json", "soap"])
    let method = try section.string("method") ?? "POST"
    guard ["GET", "POST"].contains(method) else { throw section.error("method", "must be GET or POST") }
    let path = try section.requiredString("path")
    guard path.hasPrefix("/") else { throw section.error("path", "must start with /") }
    var body = RequestShape.Body.none
    switch try section.string("body") ?? "none" {
    case "none": break
    case "item-form": body = .itemForm
    case "form": body = .form(try templates(try section.section("form", required: true)))
    case "json": body = .json(try json(try section.section("json", required: true)!))
    case "soap":
      let soap = try section.section("soap", required: true)!
      try soap.rejectUnknownKeys(allowed: ["operation", "namespace", "arguments"])
      body = .soap(
        operation: try soap.requiredString("operation"), namespace: try soap.requiredString("namespace"),
        arguments: try templates(try soap.section("arguments", required: true)))
    case let other: throw section.error("body", "'\(other)' is not none, form, item-form, json or soap")
    }
    if method == "GET", body != .none { throw section.error("body", "a GET has no body") }
    return RequestShape(
      method: method, path: path, query: try templates(try section.section("query")),
      headers: try templates(try section.section("headers")), body: body)
  }

  private static func readToken(_ section: TOMLSection) throws(ConfigurationError) -> TokenShape {
    TokenShape(
      request: try readRequest(section, token: true), field: try section.requiredString("field"),
      lifetimeField: try section.string("lifetime_field"),
      lifetimeSeconds: try section.int("lifetime_seconds", in: 60...86_400) ?? 3600,
      renewBeforeSeconds: try section.int("renew_before_seconds", in: 0...3600) ?? 300)
  }

  private static func readValues(_ section: TOMLSection?) throws(ConfigurationError) -> [String: ProfileValue]
  {
    guard let section else { return [:] }
    var values: [String: ProfileValue] = [:]
    for name in section.keys {
      guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), name != "token", name != "items"
      else {
        throw section.error(name, "a value's name is letters, digits and _ (and not token or items)")
      }
      let value = try section.section(name, required: true)!
      try value.rejectUnknownKeys(allowed: ["text", "clock", "items", "json", "steps"])
      let given = ["text", "clock", "items", "json"].filter { value.keys.contains($0) }
      guard given.count == 1 else {
        throw section.error(name, "give exactly one of text, clock, items, json")
      }
      let source: ProfileValue.Source
      do {
        switch given[0] {
        case "text": source = .text(try ValueTemplate(try value.requiredString("text")))
        case "clock": source = .clock(try TimeFormat(try value.requiredString("clock")))
        case "json": source = .json(try json(try value.section("json")!))
        default:
          switch try value.requiredString("items") {
          case "json": source = .itemsJSON
          case "xml": source = .itemsXML
          case let other: throw ProfileProblem("items = '\(other)': json or xml")
          }
        }
      } catch let problem as ProfileProblem {
        throw value.error(given[0], problem.description)
      } catch let error as ConfigurationError {
        throw error
      } catch {
        throw value.error(given[0], "\(error)")
      }
      var steps: [ValueStep] = []
      for written in try value.strings("steps") ?? [] {
        do { steps.append(try ValueStep(written)) } catch { throw value.error("steps", error.description) }
      }
      values[name] = ProfileValue(source: source, steps: steps)
    }
    return values
  }

  private static func readTables(_ section: TOMLSection?) throws(ConfigurationError) -> [String: [String:
    String]]
  {
    guard let section else { return [:] }
    var tables: [String: [String: String]] = [:]
    for name in section.keys {
      let table = try section.section(name, required: true)!
      var codes: [String: String] = [:]
      for key in table.keys { codes[key] = try table.requiredString(key) }
      tables[name] = codes
    }
    return tables
  }

  private static func readFields(_ section: TOMLSection, tables: [String: [String: String]])
    throws(ConfigurationError)
    -> [FieldRule]
  {
    var fields: [FieldRule] = []
    for name in section.keys {
      if section.holdsString(name) {
        let from = try section.requiredString(name)
        guard UplinkItem.sourceNames.contains(from) else { throw section.error(name, unknownSource(from)) }
        fields.append(FieldRule(name: name, source: .item(from), table: nil, format: nil, optional: false))
        continue
      }
      let rule = try section.section(name, required: true)!
      try rule.rejectUnknownKeys(allowed: ["from", "value", "setting", "table", "format", "optional"])
      let given = ["from", "value", "setting"].filter { rule.keys.contains($0) }
      guard given.count == 1 else { throw section.error(name, "give exactly one of from, value, setting") }
      let source: FieldRule.Source
      if let from = try rule.string("from") {
        guard UplinkItem.sourceNames.contains(from) else { throw rule.error("from", unknownSource(from)) }
        source = .item(from)
      } else if let value = try rule.string("value") {
        source = .literal(value)
      } else if let setting = try rule.string("setting") {
        source = .setting(setting)
      } else {
        throw section.error(name, "give exactly one of from, value, setting")
      }
      let table = try rule.string("table")
      if let table, tables[table] == nil { throw rule.error("table", "there is no [tables.\(table)]") }
      var format: TimeFormat?
      if let written = try rule.string("format") {
        do { format = try TimeFormat(written) } catch { throw rule.error("format", error.description) }
      }
      fields.append(
        FieldRule(
          name: name, source: source, table: table, format: format,
          optional: try rule.bool("optional") ?? false))
    }
    return fields
  }

  private static func unknownSource(_ name: String) -> String {
    "'\(name)' is not one of our values (\(UplinkItem.sourceNames.sorted().joined(separator: ", ")))"
  }

  private static func readReply(_ section: TOMLSection) throws(ConfigurationError) -> ReplyRules {
    try section.rejectUnknownKeys(allowed: [
      "form", "return_element", "code", "success", "message", "id", "duplicate",
    ])
    let form: ReplyRules.Form
    switch try section.string("form") ?? "json" {
    case "json": form = .json
    case "header": form = .header
    case "soap": form = .soap(returnElement: try section.requiredString("return_element"))
    case let other: throw section.error("form", "'\(other)' is not json, header or soap")
    }
    guard let success = try section.strings("success"), !success.isEmpty else {
      throw section.error("success", "list the code values meaning stored")
    }
    return ReplyRules(
      form: form, code: try section.requiredString("code"), success: success,
      message: try section.string("message"),
      id: try section.string("id"), duplicate: try section.strings("duplicate") ?? [])
  }
}
