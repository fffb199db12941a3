import Foundation
internal import TOMLKit

/// One table of the configuration file, read key by key with errors that name file, line and key.
public struct TOMLSection {
  let table: TOMLTable
  /// The dotted path of this table, empty for the top level.
  public let path: String
  public let file: String
  let lines: TOMLLineIndex

  public func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

  public func error(_ name: String, _ problem: String) -> ConfigurationError {
    ConfigurationError(file: file, line: lines.line(of: key(name)), key: key(name), problem: problem)
  }

  /// The table's keys in the order they were written (TOMLKit keeps them sorted): a province may
  /// check the order of a form's fields or a document's elements.
  public var keys: [String] {
    table.keys.sorted { a, b in
      let (x, y) = (lines.position(of: key(a)), lines.position(of: key(b)))
      return (x.line, x.column, a) < (y.line, y.column, b)
    }
  }

  /// Whether `name` holds a string (rather than a table or another type).
  public func holdsString(_ name: String) -> Bool { table[name]?.string != nil }

  /// Refuses keys this table does not know, so a typo never silently falls back to a default.
  public func rejectUnknownKeys(allowed: Set<String>) throws(ConfigurationError) {
    if let unknown = table.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw error(unknown, "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
    }
  }

  public func section(_ name: String, required: Bool = false) throws(ConfigurationError) -> TOMLSection? {
    guard let value = table[name] else {
      if required { throw error(name, "the [\(key(name))] table is missing") }
      return nil
    }
    guard let inner = value.table else { throw error(name, "must be a table, not \(value.type)") }
    return TOMLSection(table: inner, path: key(name), file: file, lines: lines)
  }

  /// The tables of an array of tables (`[[name]]`).
  public func sections(_ name: String) throws(ConfigurationError) -> [TOMLSection] {
    guard let value = table[name] else { return [] }
    guard let array = value.array else { throw error(name, "must be an array of tables ([[\(key(name))]])") }
    var result: [TOMLSection] = []
    for (index, element) in array.enumerated() {
      guard let inner = element.table else { throw error("\(name)[\(index)]", "must be a table") }
      result.append(TOMLSection(table: inner, path: "\(key(name))[\(index)]", file: file, lines: lines))
    }
    return result
  }

  public func string(_ name: String) throws(ConfigurationError) -> String? {
    guard let value = table[name] else { return nil }
    guard let string = value.string else { throw error(name, "must be a string, not \(value.type)") }
    return string
  }

  public func requiredString(_ name: String) throws(ConfigurationError) -> String {
    guard let value = try string(name), !value.isEmpty else { throw error(name, "is required") }
    return value
  }

  public func int(_ name: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
    guard let value = table[name] else { return nil }
    guard let number = value.int else { throw error(name, "must be a whole number, not \(value.type)") }
    guard range.contains(number) else {
      throw error(name, "\(number) is out of range (\(range.lowerBound)…\(range.upperBound))")
    }
    return number
  }

  public func bool(_ name: String) throws(ConfigurationError) -> Bool? {
    guard let value = table[name] else { return nil }
    guard let flag = value.bool else { throw error(name, "must be true or false, not \(value.type)") }
    return flag
  }

  public func strings(_ name: String) throws(ConfigurationError) -> [String]? {
    guard let value = table[name] else { return nil }
    guard let array = value.array else { throw error(name, "must be an array of strings") }
    var result: [String] = []
    for element in array {
      guard let string = element.string else { throw error(name, "must be an array of strings") }
      result.append(string)
    }
    return result
  }

  /// Parses a whole file's text; a syntax error names the file and line.
  public static func root(parsing text: String, file: String) throws(ConfigurationError) -> TOMLSection {
    let table: TOMLTable
    do {
      table = try TOMLTable(string: text)
    } catch let error as TOMLParseError {
      throw ConfigurationError(
        file: file, line: error.source.begin.line, key: "", problem: "not valid TOML: \(error.description)")
    } catch {
      throw ConfigurationError(file: file, line: nil, key: "", problem: "not valid TOML: \(error)")
    }
    return TOMLSection(table: table, path: "", file: file, lines: TOMLLineIndex(text: text))
  }

  /// Reads a file and parses it.
  public static func root(readingFile path: String) throws(ConfigurationError) -> TOMLSection {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationError(file: path, line: nil, key: "", problem: "cannot read the file")
    }
    return try root(parsing: String(decoding: data, as: UTF8.self), file: path)
  }
}
