/// One page of records for a hub's pull, or one batch of a pad's push.
public struct RecordPage: Codable, Sendable {
  /// The device's key fingerprint: whose chain these records belong to.
  public var device: String
  /// Records in seq order, with no gaps.
  public var records: [WireRecord]
  /// The device's last record when the page was made.
  public var headSeq: Int64
  /// How far the hub has acknowledged.
  public var acknowledgedThrough: Int64
  /// Whether records after this page are waiting.
  public var more: Bool
  /// How the device's key came to be, when its ledger started over (`DeviceCard.handovers`):
  /// what lets a hub that knows an earlier key take this one. Absent when there are none.
  public var handovers: [WireKeyHandover]?

  enum CodingKeys: String, CodingKey {
    case device, records, more, handovers
    case headSeq = "head_seq"
    case acknowledgedThrough = "acknowledged_through"
  }

  /// Makes a page.
  public init(
    device: String, records: [WireRecord], headSeq: Int64, acknowledgedThrough: Int64, more: Bool,
    handovers: [WireKeyHandover] = []
  ) {
    self.device = device
    self.records = records
    self.headSeq = headSeq
    self.acknowledgedThrough = acknowledgedThrough
    self.more = more
    self.handovers = handovers.isEmpty ? nil : handovers
  }
}

/// "I have everything up to here": the hub's acknowledgement, and the pad's receipt for it.
public struct Acknowledgement: Codable, Sendable, Equatable {
  /// Every record up to and including this seq is safely stored at the hub.
  public var through: Int64
  /// The hash (hex) of the record the hub stored at `through`: the pad moves its cursor only when
  /// it is its own record's, which proves the hub holds this chain up to there. Absent from older
  /// hubs, whose bare number a pad believes only for what it sent in that exchange.
  public var hash: String?
  /// The hub's clock as it answered a push, milliseconds since 1970 UTC: how a pad that does not
  /// know the time learns it, finer than the `Date` header's whole (and often cached) seconds.
  public var hubTimeMilliseconds: Int64?
  /// The hub's clock when the push had arrived whole, so the pad can leave the time the hub spent
  /// storing it out of the round trip (as NTP leaves out a server's).
  public var hubReceivedMilliseconds: Int64?

  enum CodingKeys: String, CodingKey {
    case through, hash
    case hubTimeMilliseconds = "hub_time_ms"
    case hubReceivedMilliseconds = "hub_received_ms"
  }

  /// Makes an acknowledgement.
  public init(
    through: Int64, hash: String? = nil, hubTimeMilliseconds: Int64? = nil,
    hubReceivedMilliseconds: Int64? = nil
  ) {
    self.through = through
    self.hash = hash
    self.hubTimeMilliseconds = hubTimeMilliseconds
    self.hubReceivedMilliseconds = hubReceivedMilliseconds
  }
}
