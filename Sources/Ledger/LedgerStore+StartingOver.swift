import Foundation
import RecordChain

extension LedgerStore {
  /// Opens the ledger for writing as `open(path:deviceKey:)` does, and keeps one chain per key:
  /// a ledger that starts over empty (deleted, set aside as corrupt, restored empty) while `key`
  /// (loaded from `keyPath`) has begun a chain (`ChainMarker`) continues under a new key, which
  /// the old one hands over to. The old key file is kept as `KEY.retired-MILLISECONDS`, the
  /// handover is added to `HandoverFile`, and the new ledger's first record is a `ledger_reset`
  /// naming both keys. Otherwise the key is noted as having begun a chain (a first start, or a
  /// pad whose ledger predates the marker).
  public static func open(path: String, keyPath: String, key: DeviceKey, at time: RecordTime = .now())
    throws(LedgerError) -> LedgerOpening
  {
    do {
      var setAside: String?
      var notes: [String] = []
      var store: LedgerStore
      do { store = try openChecked(path: path, key: key) } catch CorruptLedger.found(let problem) {
        let kept = try setAsideCorrupt(path: path, time: time)
        setAside = kept
        notes.append(corruptDetail(problem, kept: kept))
        store = try openChecked(path: path, key: key)
      }
      let marker = ChainMarker(keyPath: keyPath)
      let file = HandoverFile(keyPath: keyPath)
      var signer = key
      var handover: KeyHandover?
      if try store.head().seq == 0 {
        if marker.names(key) {
          let (next, made, retired) = try handOver(from: key, keyPath: keyPath, file: file, at: time)
          signer = next
          handover = made
          store = LedgerStore(connection: store.connection, key: next)
          notes.append(
            "the ledger started over with no records (deleted, set aside or restored empty) after key "
              + "\(key.publicKey.fingerprint) had begun a chain: that key handed over to new key "
              + "\(next.publicKey.fingerprint), which begins a new chain (the old key is kept as \(retired))")
        } else if let last = (try? file.read())?.last, last.next == key.publicKey {
          // A power cut after the new key was written and before this record: the handover stands.
          handover = last
          notes.append(
            "key \(last.previousFingerprint) handed over to new key \(key.publicKey.fingerprint), which begins a new chain"
          )
        }
        if !notes.isEmpty {
          try store.append(.device(.ledgerReset, detail: notes.joined(separator: "; ")), at: time)
        }
      }
      if !marker.names(signer) { try marker.mark(signer) }
      return LedgerOpening(store: store, setAside: setAside, key: signer, handover: handover)
    } catch {
      throw classify(error)
    }
  }

  /// Makes a new key and has `key` hand over to it, in an order a power cut cannot turn into a
  /// lost key: the old key is copied aside, the signed handover is written, and only then does
  /// the new key replace the old at `keyPath`.
  private static func handOver(from key: DeviceKey, keyPath: String, file: HandoverFile, at time: RecordTime)
    throws(LedgerError) -> (key: DeviceKey, handover: KeyHandover, retired: String)
  {
    let retired = "\(keyPath).retired-\(time.wallMilliseconds)"
    try key.write(to: retired)
    let next = DeviceKey.generate()
    let handover = try KeyHandover.sign(handingOver: key, to: next.publicKey, at: time.wallMilliseconds)
    try file.append(handover)
    try next.write(to: keyPath)
    return (next, handover, retired)
  }
}
