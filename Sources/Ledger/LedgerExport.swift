import Foundation
import RecordChain

/// The ledger as CSV or JSON, for a technician with a USB stick: every field, levels by meaning.
public enum LedgerExport {
  /// The columns, in order, for both formats.
  public static let fields = ExportColumn.allCases.map(\.rawValue)

  /// RFC 4180 CSV with a header line.
  public static func csv(_ records: [LedgerRecord]) -> String {
    func quote(_ value: String?) -> String {
      guard let value else { return "" }
      guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
        return value
      }
      return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    var lines = [fields.joined(separator: ",")]
    for record in records {
      lines.append(ExportColumn.allCases.map { quote($0.value(of: record).csvText) }.joined(separator: ","))
    }
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// A JSON array of objects, keys sorted and pretty-printed; absent fields are null, reasons an array.
  public static func json(_ records: [LedgerRecord]) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let data = try encoder.encode(records.map(ExportedRecord.init))
    return String(decoding: data, as: UTF8.self) + "\n"
  }
}
