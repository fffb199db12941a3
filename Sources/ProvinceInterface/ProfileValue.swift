/// A value a profile computes once per request (`[values.NAME]`): where it starts, then steps.
///
/// `text = "$time$setting.app_mark$secret.app_word"` with `steps = ["md5", "hex"]`;
/// `clock = "yyyyMMddHHmmss"` (the time of the request); `items = "json"` (the batch as a JSON
/// array) or `items = "xml"` (the one rating as an XML document); `json = { data = "$data" }`
/// (a JSON object written out as text).
struct ProfileValue: Sendable, Equatable {
  enum Source: Sendable, Equatable {
    case text(ValueTemplate)
    case clock(TimeFormat)
    case itemsJSON
    case itemsXML
    case json(JSONTemplate)
  }

  let source: Source
  let steps: [ValueStep]

  /// The values, settings and secrets this one reads.
  var references: [String] {
    let own: [String] =
      switch source {
      case .text(let template): template.references
      case .json(let template): template.references
      case .clock: []
      case .itemsJSON, .itemsXML: ["items"]
      }
    return own + steps.compactMap(\.keyReference)
  }

  /// What it ends as, or nil when a step cannot take what the one before gives.
  var kind: ValueStep.Kind? {
    var kind = ValueStep.Kind.text
    for step in steps {
      guard let next = step.output(from: kind) else { return nil }
      kind = next
    }
    return kind
  }
}

/// A JSON shape written in TOML: tables are objects, strings are templates, and a string that is
/// only `$items` is the batch's array itself.
indirect enum JSONTemplate: Sendable, Equatable {
  case object([(String, JSONTemplate)])
  case string(ValueTemplate)

  static func == (a: JSONTemplate, b: JSONTemplate) -> Bool {
    switch (a, b) {
    case (.string(let x), .string(let y)): x == y
    case (.object(let x), .object(let y)): x.map(\.0) == y.map(\.0) && zip(x, y).allSatisfy { $0.1 == $1.1 }
    default: false
    }
  }

  var references: [String] {
    switch self {
    case .string(let template): template.references
    case .object(let members): members.flatMap(\.1.references)
    }
  }
}
