import RatingModel

/// What a ledger record says happened.
public enum LedgerKind: String, CaseIterable, Codable, Sendable {
  case rating
  case reasons
  case promptExpired = "prompt_expired"
  case promptSuperseded = "prompt_superseded"
  case promptNotShown = "prompt_not_shown"
  case suspectPress = "suspect_press"
  case boot
  case fault
  case configurationChange = "configuration_change"
  case ledgerReset = "ledger_reset"
  // The clerk on duty at the window, as the counter system signs them in and out (`ClerkRecord`).
  case clerkOnDuty = "clerk_on_duty"
  case clerkOffDuty = "clerk_off_duty"
  /// The pad learned the wall time (from the hub) while its own clock was unknown.
  case clockLearned = "clock_learned"
}

/// A record's content before the ledger numbers, chains and signs it.
public struct LedgerEntry: Sendable, Hashable {
  /// What happened.
  public var kind: LedgerKind
  /// The prompt it concerns, if any.
  public var promptID: String?
  /// `counter`, `kiosk` or `free`.
  public var source: String?
  /// The transaction of the prompt, when there is one.
  public var transaction: Transaction?
  /// The level, by meaning.
  public var level: SatisfactionLevel?
  /// Reason codes, for `reasons` records.
  public var reasons: [String]
  /// The checklist version the codes belong to.
  public var checklistVersion: String?
  /// Why a press is suspect.
  public var suspectReason: SuspectReason?
  /// The channel the device rates through.
  public var channel: Channel?
  /// Free text for device events (which fault, what changed, which file was set aside).
  public var detail: String?

  /// Makes an entry; most callers use `init(_:channel:)` or `device(_:detail:)`.
  public init(
    kind: LedgerKind, promptID: String? = nil, source: String? = nil, transaction: Transaction? = nil,
    level: SatisfactionLevel? = nil, reasons: [String] = [], checklistVersion: String? = nil,
    suspectReason: SuspectReason? = nil, channel: Channel? = nil, detail: String? = nil
  ) {
    self.kind = kind
    self.promptID = promptID
    self.source = source
    self.transaction = transaction
    self.level = level
    self.reasons = reasons
    self.checklistVersion = checklistVersion
    self.suspectReason = suspectReason
    self.channel = channel
    self.detail = detail
  }

  /// A device event: boot, fault, configuration change or ledger reset.
  public static func device(_ kind: LedgerKind, detail: String) -> LedgerEntry {
    LedgerEntry(kind: kind, detail: detail)
  }
}

/// When a record was made, by every clock the device has: pads often boot with a wrong wall clock,
/// so the boot id and monotonic time let the hub order and re-date records.
public struct RecordTime: Sendable, Hashable {
  /// Wall-clock milliseconds since 1970 UTC.
  public var wallMilliseconds: Int64
  /// The local UTC offset in seconds (+28800 in China).
  public var utcOffsetSeconds: Int32
  /// The kernel's boot id.
  public var bootID: String
  /// CLOCK_MONOTONIC nanoseconds since that boot.
  public var monotonicNanoseconds: Int64
  /// Whether the wall time was known to be right when the record was written; nil for records
  /// written before the pad said so (canonical encoding version 1).
  public var clockKnown: Bool?

  /// Makes a time.
  public init(
    wallMilliseconds: Int64, utcOffsetSeconds: Int32, bootID: String, monotonicNanoseconds: Int64,
    clockKnown: Bool? = nil
  ) {
    self.wallMilliseconds = wallMilliseconds
    self.utcOffsetSeconds = utcOffsetSeconds
    self.bootID = bootID
    self.monotonicNanoseconds = monotonicNanoseconds
    self.clockKnown = clockKnown
  }
}

/// A record as stored: the entry with its number, identity, time, chain hash and signature.
public struct LedgerRecord: Sendable, Hashable {
  /// Device-wide sequence number: 1, 2, 3 … with no gaps.
  public var seq: Int64
  /// A UUID, unique across devices.
  public var uuid: String
  /// When it was made.
  public var time: RecordTime
  /// What it says.
  public var entry: LedgerEntry
  /// SHA-256 over the previous record's hash and this record's canonical encoding.
  public var hash: [UInt8]
  /// Ed25519 signature of `hash` by the device key.
  public var signature: [UInt8]

  /// A record as received from elsewhere (the hub rebuilds them); `ChainVerifier` says whether it is genuine.
  public init(
    seq: Int64, uuid: String, time: RecordTime, entry: LedgerEntry, hash: [UInt8], signature: [UInt8]
  ) {
    self.seq = seq
    self.uuid = uuid
    self.time = time
    self.entry = entry
    self.hash = hash
    self.signature = signature
  }
}
