import SQLite

/// Why the ledger refused something, in words a technician can act on.
public enum LedgerError: Error, CustomStringConvertible {
  /// The disk (or the database's size limit) is full: no rating can be accepted until space returns.
  case diskFull(path: String)
  /// The database was written by a newer ratingpad.
  case newerSchema(path: String, found: Int64, supported: Int64)
  /// The hub acknowledged a record the device does not have.
  case acknowledgementBeyondHead(requested: Int64, head: Int64)
  /// A stored row cannot be read back as a record.
  case malformedRecord(seq: Int64, problem: String)
  /// The device key file is missing, unreadable, malformed or too widely readable.
  case deviceKey(path: String, problem: String)
  /// The ledger holds records but the key that signed them is missing, empty or unreadable: the
  /// pad will not sign on with a new key unnoticed (`ratingpad rekey` does it on purpose).
  case deviceKeyLost(problem: String, ledger: String, records: Int64)
  /// Any other SQLite failure.
  case storage(SQLiteError)

  public var description: String {
    switch self {
    case .diskFull(let path):
      "the disk holding \(path) is full: ratings cannot be recorded until space is freed"
    case .newerSchema(let path, let found, let supported):
      "\(path) has ledger schema version \(found), but this ratingpad supports up to \(supported); install a newer ratingpad"
    case .acknowledgementBeyondHead(let requested, let head):
      "cannot acknowledge through seq \(requested): the ledger ends at seq \(head)"
    case .malformedRecord(let seq, let problem):
      "record seq \(seq) cannot be read: \(problem)"
    case .deviceKey(let path, let problem):
      "device key \(path): \(problem)"
    case .deviceKeyLost(let problem, let ledger, let records):
      "\(problem), but the ledger \(ledger) holds \(records < 0 ? "records" : "\(records) records") signed with it; "
        + "the pad will not sign with a new key on its own: restore the key, or run `ratingpad rekey`, "
        + "which sets this ledger aside and starts a new one with a new key (enrol the pad at the hub again)"
    case .storage(let error):
      error.description
    }
  }

  static func wrap(_ error: SQLiteError) -> LedgerError {
    error.isFull ? .diskFull(path: error.path) : .storage(error)
  }
}

extension LedgerError {
  /// Whether the device key that signed the ledger is lost (nothing can be signed until a re-key).
  public var isDeviceKeyLost: Bool {
    if case .deviceKeyLost = self { return true }
    return false
  }
}
