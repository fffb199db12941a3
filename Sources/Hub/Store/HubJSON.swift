import Foundation
import RecordChain
import SyncProtocol

/// JSON in and out of the hub's text columns.
enum HubJSON {
  /// The hash before a device's first record, in hex.
  static let genesis = Hex.encode(ChainVerifier.genesis)

  static func encode<T: Encodable>(_ value: T) throws -> String {
    String(decoding: try WireCoding.encoder().encode(value), as: UTF8.self)
  }

  static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
    try WireCoding.decoder().decode(T.self, from: Data(text.utf8))
  }

  /// A record's body, through the bulk JSON path (records are stored by the hundred thousand).
  static func body(_ record: WireRecord) -> String {
    String(decoding: record.jsonBytes(), as: UTF8.self)
  }

  /// A record from its body.
  static func record(_ body: String) throws -> WireRecord {
    try WireRecord(json: try JSONReader.parse(Array(body.utf8)))
  }
}
