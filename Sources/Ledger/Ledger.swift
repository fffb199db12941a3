/// The ledger: every rating, expiry, suspect press and device event, append-only in SQLite,
/// hash-chained and signed by the device key, kept until the hub has acknowledged it.
///
/// The chain itself (records, canonical encoding, verification, the public key) is `RecordChain`,
/// which the hub shares; the SQLite file is reached only through the `SQLite` module's wrapper.
/// The private device key and signing stay here: only the pad signs.
public enum LedgerModule {}
