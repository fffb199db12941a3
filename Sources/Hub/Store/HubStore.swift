import SyncProtocol

/// Where the hub keeps devices and their records: SQLite by default, PostgreSQL when named.
///
/// Every record is stored once, keyed by device and seq; a device's head moves in the same
/// transaction as its records, so a crash leaves either both or neither.
public protocol HubStore: UplinkOutbox, AccountStore, ConsoleQueries, FollowUpStore, AlertOutbox,
  InsightQueries
{
  /// Creates the tables when they are missing.
  func prepare() async throws
  /// The cases the counter system sent, in the same database: identities sealed with `seal`,
  /// forgotten `retentionDays` after their forward was acknowledged.
  func cases(sealing seal: IdentitySeal, retentionDays: Int) -> any CaseStore
  /// A device by its key fingerprint.
  func device(_ fingerprint: String) async throws -> EnrolledDevice?
  /// The device enrolled under a pad's name (the newest, should a pad have been re-keyed).
  func device(named name: String) async throws -> EnrolledDevice?
  /// Every enrolled device.
  func devices() async throws -> [EnrolledDevice]
  /// Enrols a device at seq 0 (does nothing when it is enrolled already).
  func enrol(_ card: DeviceCard, name: String) async throws
  /// Stores verified records and moves the device's head to the last of them, only if the head is
  /// still at `from` (a second writer loses and retries).
  func append(_ records: [StoredRecord], device: String, from: Int64, head: Int64, hash: String) async throws
    -> Bool
  /// Re-dates the device's records of `boots` written while the pad's clock was unknown, from the
  /// known records of the same boot (`ClockCorrection`); returns how many it re-dated. Apart from
  /// `append`, so storing (and acknowledging) a page never waits for it.
  func correctClocks(device: String, boots: Set<String>) async throws -> Int
  /// The boots, by device, that still have records written while the pad's clock was unknown.
  func bootsWithUncorrectedClocks() async throws -> [(device: String, boot: String)]
  /// Enrols (or enrols again) a pad from its provisioning: its card and the SHA-256 of its push
  /// token (`PushTokenHash`); the device's stored chain is kept. The token moves from an older
  /// key of the same pad; `EnrolmentRefusal` when another pad holds it, or the key handed over.
  func enrolPad(_ card: DeviceCard, name: String, tokenHash: String) async throws
  /// The device enrolled with the push token that hashes to `tokenHash`, if any.
  func device(withTokenHash tokenHash: String) async throws -> EnrolledDevice?
  /// Notes that the device was heard from now, and the head it reported.
  func noteContact(device: String, reportedHead: Int64) async throws
  /// Marks a device's chain as broken, with the problem; its records stop being accepted.
  func flag(device: String, problem: String) async throws
  /// The hashes (hex) of the device's stored records from seq `from` through `through`, by seq.
  func hashes(device: String, from: Int64, through: Int64) async throws -> [Int64: String]
  /// Keeps the records of a fork (seqs the hub holds, sent with other hashes, and those after
  /// them) apart from the chain, and flags the device with `problem`, in one transaction.
  func keepFork(_ records: [StoredRecord], device: String, problem: String) async throws
  /// The records kept from the device's forks, by seq.
  func forkedRecords(device: String) async throws -> [StoredRecord]
  /// Enrols `successor` (the card of a key `device` handed over to) under the device's name, moves
  /// the push token's hash to it and notes the hand-over on the device, whose row and chain are
  /// kept, in one transaction. Does nothing when the device has handed over to it already; throws
  /// when the successor's key is enrolled already (another device's is never taken over).
  func handOver(device: String, to successor: DeviceCard) async throws
  /// Notes that a pull of the device's pad was answered with another key (`note` says which,
  /// where and when); the device itself is not flagged.
  func noteImpostor(device: String, note: String) async throws
  /// Clears the device's flag and impostor note and records `entry` in the audit log, in one
  /// transaction; false when there was nothing to clear.
  func clearFlag(device: String, audit entry: AuditEntry) async throws -> Bool
  /// The operators' actions, oldest first.
  func auditLog() async throws -> [AuditEntry]
  /// Every stored record of these kinds, oldest first per device.
  func records(kinds: [String]) async throws -> [StoredRecord]
  /// How many records are stored.
  func count() async throws -> Int
  /// Takes, or keeps, the right to pull `pad` for `duration` on behalf of `holder` (one hub
  /// instance): true unless another holder's lease is still running. Hub instances sharing one
  /// database so pull each pad one at a time; a lease left by an instance that died runs out.
  func leasePull(of pad: String, by holder: String, for duration: Duration) async throws -> Bool
  /// Ratings made in `period` (all time when nil), counted per device, level and the dimension's
  /// value: the aggregate a report is built from.
  func tallies(by dimension: SatisfactionReport.Dimension, in period: ReportPeriod?) async throws
    -> [RatingTally]
  /// The bad ratings made in `period`, oldest first, and the reasons records that may name them.
  func badRatings(in period: ReportPeriod?) async throws -> (ratings: [StoredRecord], reasons: [StoredRecord])
}

/// A device the hub knows, and how far its verified chain reaches.
public struct EnrolledDevice: Sendable, Equatable {
  /// Key fingerprint.
  public var fingerprint: String
  /// The name the hub's configuration gives it.
  public var name: String
  /// What the device said about itself at enrolment.
  public var card: DeviceCard
  /// The last stored record's seq (0 before any).
  public var lastSeq: Int64
  /// Its hash in hex (the genesis before any).
  public var lastHash: String
  /// Why its chain is no longer accepted, if it is not.
  public var problem: String?
  /// When it was last heard from (a page pulled or pushed), milliseconds since the epoch.
  public var lastContactMilliseconds: Int64?
  /// The head it reported then: what it holds, of which `lastSeq` has reached the hub.
  public var reportedHead: Int64?
  /// The fingerprint of the key it handed over to when its ledger started over, if it did: its
  /// chain ends here, intact, and the successor's begins.
  public var handedOverTo: String?
  /// What last answered a pull of its pad with another key, and when (refused; not a flag).
  public var impostor: String?

  /// Makes a device record.
  public init(
    fingerprint: String, name: String, card: DeviceCard, lastSeq: Int64, lastHash: String, problem: String?,
    lastContactMilliseconds: Int64? = nil, reportedHead: Int64? = nil, handedOverTo: String? = nil,
    impostor: String? = nil
  ) {
    self.fingerprint = fingerprint
    self.name = name
    self.card = card
    self.lastSeq = lastSeq
    self.lastHash = lastHash
    self.problem = problem
    self.lastContactMilliseconds = lastContactMilliseconds
    self.reportedHead = reportedHead
    self.handedOverTo = handedOverTo
    self.impostor = impostor
  }

  /// Records the pad holds that the hub has not stored yet, as of its last contact.
  public var backlog: Int64? {
    reportedHead.map { head in
      let (difference, overflow) = head.subtractingReportingOverflow(lastSeq)
      return overflow ? 0 : max(0, difference)
    }
  }
}

/// One record as the hub keeps it: keys for queries plus the record exactly as it arrived.
public struct StoredRecord: Sendable, Equatable {
  /// Key fingerprint.
  public var device: String
  /// The record.
  public var record: WireRecord
  /// The record as JSON, the form the stores keep.
  public var body: String
  /// The hub's time of the record: the pad's stamp, or the time the hub derived for a record
  /// written while the pad's clock was unknown (`ClockCorrection`). Reports and exports use it.
  public var wallMilliseconds: Int64
  /// How that time stands.
  public var clock: ClockCorrection.Standing

  /// A record to store, its body written out now (by the intake, before the device's turn).
  init(device: String, record: WireRecord) {
    self.init(device: device, record: record, body: HubJSON.body(record))
  }

  /// A record read back, with the body it was read from and the hub's time of it.
  init(
    device: String, record: WireRecord, body: String, wallMilliseconds: Int64? = nil,
    clock: ClockCorrection.Standing? = nil
  ) {
    self.device = device
    self.record = record
    self.body = body
    self.wallMilliseconds = wallMilliseconds ?? record.wallMilliseconds
    self.clock = clock ?? ClockCorrection.Standing(arriving: record)
  }
}

/// A store operation the database's contents do not allow, and why.
public struct HubStoreError: Error, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}
