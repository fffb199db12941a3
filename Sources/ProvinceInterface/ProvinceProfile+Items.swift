extension ProvinceProfile {
  /// The rating's fields in the province's form, in the profile's order; an error when a value it
  /// needs is not known yet, or cannot be written (`ItemProblem`).
  public func fields(for item: UplinkItem, settings: [String: String]) throws(ItemProblem) -> [(
    String, String
  )] {
    var fields: [(String, String)] = []
    for rule in self.fields {
      let value = try rule.value(for: item, tables: tables, settings: settings)
      if xmlEncoding == "GB2312", values.values.contains(where: { $0.source == .itemsXML }) {
        do { _ = try GB2312.encode(value) } catch {
          throw .badValue(field: rule.name, value: value, why: "cannot be written in GB2312")
        }
      }
      fields.append((rule.name, value))
    }
    return fields
  }
}
