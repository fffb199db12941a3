import Foundation

/// The addresses a counter system may call from: single addresses or networks, IPv4 or IPv6.
public struct AddressAllowList: Sendable, Hashable {
  private struct Network: Sendable, Hashable {
    let bytes: [UInt8]
    let prefix: Int

    func contains(_ address: [UInt8]) -> Bool {
      guard address.count == bytes.count else { return false }
      var bits = prefix
      for index in 0..<bytes.count where bits > 0 {
        let mask: UInt8 = bits >= 8 ? 0xff : ~(0xff >> UInt8(bits))
        if address[index] & mask != bytes[index] & mask { return false }
        bits -= 8
      }
      return true
    }
  }

  private let networks: [Network]

  /// Only this machine.
  public static let loopback = try! AddressAllowList(["127.0.0.0/8", "::1"])

  /// Parses entries like `10.1.2.30`, `10.1.2.0/24` or `fd00::/8`; the error names the bad one.
  public init(_ entries: [String]) throws(LinkError) {
    var networks: [Network] = []
    for entry in entries {
      let parts = entry.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
      guard parts.count <= 2, let bytes = Self.bytes(of: parts[0]) else { throw .badAddress(entry) }
      let prefix = parts.count == 2 ? Int(parts[1]) : bytes.count * 8
      guard let prefix, (0...bytes.count * 8).contains(prefix) else { throw .badAddress(entry) }
      networks.append(Network(bytes: bytes, prefix: prefix))
    }
    self.networks = networks
  }

  /// Whether a caller at this textual address may call.
  public func allows(_ address: String) -> Bool {
    guard let bytes = Self.bytes(of: address) else { return false }
    return networks.contains { $0.contains(bytes) }
  }

  /// IPv4 as 4 bytes, IPv6 as 16; an IPv4-mapped IPv6 address counts as its IPv4 address.
  static func bytes(of text: String) -> [UInt8]? {
    var v4 = in_addr()
    if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
    var v6 = in6_addr()
    guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
    let bytes = withUnsafeBytes(of: &v6) { Array($0) }
    if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
      return Array(bytes[12...])
    }
    return bytes
  }
}
