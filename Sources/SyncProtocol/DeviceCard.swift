/// Who a pad is: what the hub enrols, and the key it checks every record against.
public struct DeviceCard: Codable, Sendable, Equatable {
  /// SHA-256 of the public key, first 16 bytes in hex.
  public var fingerprint: String
  /// The Ed25519 public key, base64 of its 32 raw bytes.
  public var publicKey: String
  /// 行政区划.
  public var areaCode: String
  /// The department that runs the hall.
  public var department: String
  /// The hall's name.
  public var hall: String
  /// The window (empty on a kiosk).
  public var window: String
  /// `window_pad` or `kiosk`.
  public var channel: String
  /// The provincial channel code: 4 window pad, 5 kiosk.
  public var channelCode: Int
  /// The agent's version.
  public var software: String
  /// How this key came to be, when the pad's ledger started over: handovers from its earlier keys,
  /// oldest first, each signed by the key before (absent when the key is the pad's first).
  public var handovers: [WireKeyHandover]?

  enum CodingKeys: String, CodingKey {
    case fingerprint, department, hall, window, channel, software, handovers
    case publicKey = "public_key"
    case areaCode = "area_code"
    case channelCode = "channel_code"
  }

  /// Makes a card.
  public init(
    fingerprint: String, publicKey: String, areaCode: String, department: String, hall: String,
    window: String,
    channel: String, channelCode: Int, software: String, handovers: [WireKeyHandover] = []
  ) {
    self.fingerprint = fingerprint
    self.publicKey = publicKey
    self.areaCode = areaCode
    self.department = department
    self.hall = hall
    self.window = window
    self.channel = channel
    self.channelCode = channelCode
    self.software = software
    self.handovers = handovers.isEmpty ? nil : handovers
  }
}

/// The signed chain head as it travels: see `HeadStatement`.
public struct WireHead: Codable, Sendable, Equatable {
  public var device: String
  public var seq: Int64
  public var hash: String
  public var signedAtMilliseconds: Int64
  public var signature: String

  enum CodingKeys: String, CodingKey {
    case device, seq, hash, signature
    case signedAtMilliseconds = "signed_at_ms"
  }

  /// Makes a head.
  public init(device: String, seq: Int64, hash: String, signedAtMilliseconds: Int64, signature: String) {
    self.device = device
    self.seq = seq
    self.hash = hash
    self.signedAtMilliseconds = signedAtMilliseconds
    self.signature = signature
  }
}
