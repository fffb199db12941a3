/// Text with references: `$time$setting.app_mark$secret.app_word` joins three values.
///
/// A reference is `$` and a name of letters, digits, `_` and `.`; `$$` is a dollar sign.
struct ValueTemplate: Sendable, Equatable {
  enum Part: Sendable, Equatable {
    case literal(String)
    case reference(String)
  }

  let parts: [Part]

  /// Parses `text`; an empty reference (`$` then no name) is an error naming it.
  init(_ text: String) throws(ProfileProblem) {
    var parts: [Part] = []
    var literal = ""
    var index = text.startIndex
    while index < text.endIndex {
      let character = text[index]
      index = text.index(after: index)
      guard character == "$" else {
        literal.append(character)
        continue
      }
      if index < text.endIndex, text[index] == "$" {
        literal.append("$")
        index = text.index(after: index)
        continue
      }
      let name = text[index...].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
      let trimmed = name.hasSuffix(".") ? name.dropLast() : name[...]
      guard !trimmed.isEmpty else {
        throw ProfileProblem("'\(text)': a $ must be followed by a name ($$ for a dollar)")
      }
      if !literal.isEmpty { parts.append(.literal(literal)) }
      literal = ""
      parts.append(.reference(String(trimmed)))
      index = text.index(index, offsetBy: trimmed.count)
    }
    if !literal.isEmpty || parts.isEmpty { parts.append(.literal(literal)) }
    self.parts = parts
  }

  /// The names referred to.
  var references: [String] {
    parts.compactMap { if case .reference(let name) = $0 { name } else { nil } }
  }

  /// The single reference, when the template is nothing else (`"$items"`).
  var soleReference: String? {
    if parts.count == 1, case .reference(let name) = parts[0] { name } else { nil }
  }
}

/// A problem in a profile, said without its place; the loader adds file, line and key.
struct ProfileProblem: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
