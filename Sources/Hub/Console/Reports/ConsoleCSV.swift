/// CSV as the console hands it out: UTF-8 with a byte-order mark (so a spreadsheet reads the
/// Chinese), every cell quoted, and a cell that a spreadsheet would take for a formula (starting
/// with = + - @, a tab or a carriage return) written with a leading ' so it stays text.
enum ConsoleCSV {
  /// The document: a header line, then the rows, CRLF line ends.
  static func document(header: [String], rows: [[String]]) -> String {
    "\u{FEFF}" + ([header] + rows).map { $0.map(cell).joined(separator: ",") + "\r\n" }.joined()
  }

  /// One cell, neutralised and quoted.
  static func cell(_ value: String) -> String {
    let text = value.first.map { "=+-@\t\r".contains($0) } == true ? "'" + value : value
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
