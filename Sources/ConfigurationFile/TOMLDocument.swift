internal import TOMLKit

/// A TOML document put together in memory (tables laid over, keys set) and then written out as
/// text; the one place outside `TOMLSection` that knows TOMLKit, so no other module does.
///
/// A class: like the TOMLKit table it wraps, it is changed in place.
public final class TOMLDocument {
  private let table: TOMLTable

  /// An empty document.
  public init() { table = TOMLTable() }

  /// The document a parsed root section was read from.
  public init(_ root: TOMLSection) { table = root.table }

  /// Parses TOML text this program wrote; a syntax error names `file` and the line.
  public convenience init(parsing text: String, file: String) throws(ConfigurationError) {
    self.init(try TOMLSection.root(parsing: text, file: file))
  }

  /// Sets `key` in `[section]`, adding the table if it is missing.
  public func set(_ key: String, in section: String, to value: ConfigurationValue) {
    let inner = table[section]?.table ?? TOMLTable()
    inner[key] = value.toml
    table[section] = inner
  }

  /// Replaces `[name]` by a table holding exactly `values`.
  public func setTable(_ name: String, _ values: [String: ConfigurationValue]) {
    let inner = TOMLTable()
    for (key, value) in values { inner[key] = value.toml }
    table[name] = inner
  }

  /// Replaces `[name]` by the table `section` was read from.
  public func setTable(_ name: String, to section: TOMLSection) { table[name] = section.table }

  /// The document as TOML text.
  public var text: String { table.convert(to: .toml) }
}

extension ConfigurationValue {
  fileprivate var toml: any TOMLValueConvertible {
    switch self {
    case .string(let text): text
    case .integer(let number): number
    case .bool(let flag): flag
    case .strings(let texts): TOMLArray(texts)
    }
  }
}
