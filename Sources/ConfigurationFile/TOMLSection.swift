import TOMLKit

/// One table of the configuration file, read key by key with errors that name file, line and key.
struct TOMLSection {
  let table: TOMLTable
  /// The dotted path of this table, empty for the top level.
  let path: String
  let file: String
  let lines: TOMLLineIndex

  func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

  func error(_ name: String, _ problem: String) -> ConfigurationError {
    ConfigurationError(file: file, line: lines.line(of: key(name)), key: key(name), problem: problem)
  }

  /// Refuses keys this table does not know, so a typo never silently falls back to a default.
  func rejectUnknownKeys(allowed: Set<String>) throws(ConfigurationError) {
    if let unknown = table.keys.sorted().first(where: { !allowed.contains($0) }) {
      throw error(unknown, "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
    }
  }

  func section(_ name: String, required: Bool = false) throws(ConfigurationError) -> TOMLSection? {
    guard let value = table[name] else {
      if required { throw error(name, "the [\(key(name))] table is missing") }
      return nil
    }
    guard let inner = value.table else { throw error(name, "must be a table, not \(value.type)") }
    return TOMLSection(table: inner, path: key(name), file: file, lines: lines)
  }

  /// The tables of an array of tables (`[[name]]`).
  func sections(_ name: String) throws(ConfigurationError) -> [TOMLSection] {
    guard let value = table[name] else { return [] }
    guard let array = value.array else { throw error(name, "must be an array of tables ([[\(key(name))]])") }
    var result: [TOMLSection] = []
    for (index, element) in array.enumerated() {
      guard let inner = element.table else { throw error("\(name)[\(index)]", "must be a table") }
      result.append(TOMLSection(table: inner, path: "\(key(name))[\(index)]", file: file, lines: lines))
    }
    return result
  }

  func string(_ name: String) throws(ConfigurationError) -> String? {
    guard let value = table[name] else { return nil }
    guard let string = value.string else { throw error(name, "must be a string, not \(value.type)") }
    return string
  }

  func requiredString(_ name: String) throws(ConfigurationError) -> String {
    guard let value = try string(name), !value.isEmpty else { throw error(name, "is required") }
    return value
  }

  func int(_ name: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
    guard let value = table[name] else { return nil }
    guard let number = value.int else { throw error(name, "must be a whole number, not \(value.type)") }
    guard range.contains(number) else {
      throw error(name, "\(number) is out of range (\(range.lowerBound)…\(range.upperBound))")
    }
    return number
  }

  func bool(_ name: String) throws(ConfigurationError) -> Bool? {
    guard let value = table[name] else { return nil }
    guard let flag = value.bool else { throw error(name, "must be true or false, not \(value.type)") }
    return flag
  }

  func strings(_ name: String) throws(ConfigurationError) -> [String]? {
    guard let value = table[name] else { return nil }
    guard let array = value.array else { throw error(name, "must be an array of strings") }
    var result: [String] = []
    for element in array {
      guard let string = element.string else { throw error(name, "must be an array of strings") }
      result.append(string)
    }
    return result
  }
}
