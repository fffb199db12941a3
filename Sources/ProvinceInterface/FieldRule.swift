/// How one field of a province's rating is filled: from one of our values (`UplinkItem`),
/// through a code table or a time format, or a literal, or a hall setting.
///
/// Written in a profile's `[fields]` as `projectNo = "case.number"`, or as a table:
/// `satisfaction = { from = "rating.level", table = "level" }`,
/// `assessTime = { from = "rating.time", format = "yyyy-MM-dd HH:mm:ss" }`,
/// `taskType = { value = "1" }`, `areaCode = { setting = "area_code" }`, `optional = true`.
struct FieldRule: Sendable, Equatable {
  enum Source: Sendable, Equatable {
    case item(String)
    case literal(String)
    case setting(String)
  }

  /// The province's name for the field.
  let name: String
  let source: Source
  /// The code table the value goes through (`[tables.NAME]`).
  let table: String?
  /// The time format, for a time value.
  let format: TimeFormat?
  /// Sent empty when the value is unknown, rather than holding the rating back.
  let optional: Bool

  /// This field of `item`: nil when it is optional and unknown; an error saying what is missing,
  /// or which value a code table lacks.
  func value(
    for item: UplinkItem, tables: [String: [String: String]], settings: [String: String]
  ) throws(ItemProblem) -> String {
    let raw: String?
    switch source {
    case .item(let name): raw = item.values[name].flatMap { $0.isEmpty ? nil : $0 }
    case .literal(let value): raw = value
    case .setting(let name): raw = settings[name]
    }
    guard let raw else {
      if optional { return "" }
      switch source {
      case .item(let source): throw .missing(field: name, source: source)
      case .setting(let setting): throw .missing(field: name, source: "setting.\(setting)")
      case .literal: throw .missing(field: name, source: "its value")
      }
    }
    if let format {
      guard let milliseconds = Int64(raw) else { throw .badValue(field: name, value: raw, why: "not a time") }
      return format.write(milliseconds: milliseconds)
    }
    guard let table else { return raw }
    guard let code = tables[table]?[raw] else {
      throw .badValue(field: name, value: raw, why: "no code for it in [tables.\(table)]")
    }
    return code
  }
}

/// Why one rating cannot be written in a province's form (yet).
public enum ItemProblem: Error, Equatable, CustomStringConvertible {
  /// A value the province needs is not known: e.g. the case's details have not come.
  case missing(field: String, source: String)
  /// A value the profile cannot write (a code table without it, a character the encoding lacks).
  case badValue(field: String, value: String, why: String)

  public var description: String {
    switch self {
    case .missing(let field, let source): "\(field) needs \(source), which is not known"
    case .badValue(let field, let value, let why): "\(field): '\(value.prefix(60))': \(why)"
    }
  }

  /// Whether it can clear by itself (details arriving later), rather than needing a person.
  public var mayClear: Bool { if case .missing = self { true } else { false } }
}
