import RecordChain

/// What `LedgerStore.rekey` did: the new key and ledger, where the old ledger was set aside, and
/// the `ledger_reset` record that says so.
public struct Rekeying {
  /// The new ledger, open for writing.
  public let store: LedgerStore
  /// The new device key.
  public let key: DeviceKey
  /// Where the ledger signed with the lost key is kept.
  public let setAside: String
  /// The new ledger's first record.
  public let record: LedgerRecord
}
