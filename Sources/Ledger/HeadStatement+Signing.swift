import RecordChain

extension HeadStatement {
  /// Signs the head of `ledger` with `key`.
  public static func sign(
    seq: Int64, hash: [UInt8], key: DeviceKey, at milliseconds: Int64
  ) throws(LedgerError) -> HeadStatement {
    let fingerprint = key.publicKey.fingerprint
    let bytes = signedBytes(fingerprint: fingerprint, seq: seq, hash: hash, at: milliseconds)
    do {
      return HeadStatement(
        fingerprint: fingerprint, seq: seq, hash: hash, signedAtMilliseconds: milliseconds,
        signature: try key.sign(bytes))
    } catch {
      throw .deviceKey(path: "", problem: "cannot sign the head: \(error)")
    }
  }
}
