import Foundation

/// Finds the line each key of a TOML document was written on, so errors can point at it.
///
/// TOMLKit reports lines only for syntax errors; validation errors (a bad area code, a wrong
/// type) must name the line too, so this scans the text for table headers and `key =` lines.
/// Keys are dotted paths; the n-th entry of an array of tables is `name[n]`.
public struct TOMLLineIndex {
  private var lines: [String: Int] = [:]
  /// The text of each line, for where on its line a key was written.
  private var texts: [Substring] = []

  init(text: String) {
    texts = text.split(separator: "\n", omittingEmptySubsequences: false)
    var table = ""
    var arrayCounts: [String: Int] = [:]
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      let number = offset + 1
      if line.hasPrefix("[[") {
        let name = String(line.dropFirst(2).prefix { $0 != "]" }).trimmingCharacters(in: .whitespaces)
        let index = arrayCounts[name, default: 0]
        arrayCounts[name] = index + 1
        table = "\(name)[\(index)]"
        lines[table] = number
      } else if line.hasPrefix("[") {
        table = String(line.dropFirst().prefix { $0 != "]" }).trimmingCharacters(in: .whitespaces)
        lines[table] = number
      } else if let equals = line.firstIndex(of: "="), !line.hasPrefix("#") {
        var key = line[..<equals].trimmingCharacters(in: .whitespaces)
        if key.hasPrefix("\""), key.hasSuffix("\""), key.count >= 2 {
          key = String(key.dropFirst().dropLast())
        }
        let path = table.isEmpty ? key : "\(table).\(key)"
        if lines[path] == nil { lines[path] = number }
      }
    }
  }

  /// Where `path` was written: its line (or its nearest enclosing table's) and where on that line
  /// its last name stands; keys not found sort last.
  func position(of path: String) -> (line: Int, column: Int) {
    guard let line = line(of: path), line - 1 < texts.count else { return (Int.max, Int.max) }
    let name = path.split(separator: ".").last.map(String.init) ?? path
    let text = texts[line - 1]
    for quoted in ["\"\(name)\"", name] {
      var searchFrom = text.startIndex
      while let found = text[searchFrom...].range(of: quoted) {
        let before = found.lowerBound == text.startIndex ? " " : text[text.index(before: found.lowerBound)]
        let after = text[found.upperBound...].drop { $0 == " " || $0 == "\t" }
        if " \t{,".contains(before), after.first == "=" {
          return (line, text.distance(from: text.startIndex, to: found.lowerBound))
        }
        searchFrom = found.upperBound
      }
    }
    return (line, Int.max)
  }

  /// The line of `path`, or of the nearest enclosing table that was written down.
  func line(of path: String) -> Int? {
    var candidate = path
    while !candidate.isEmpty {
      if let line = lines[candidate] { return line }
      guard let dot = candidate.lastIndex(of: ".") else { break }
      candidate = String(candidate[..<dot])
    }
    return nil
  }
}
