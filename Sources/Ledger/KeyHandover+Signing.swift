import RecordChain

extension KeyHandover {
  /// `key` hands its chain over to `next`.
  static func sign(handingOver key: DeviceKey, to next: DevicePublicKey, at milliseconds: Int64)
    throws(LedgerError) -> KeyHandover
  {
    let fingerprint = key.publicKey.fingerprint
    let bytes = signedBytes(previousFingerprint: fingerprint, next: next, at: milliseconds)
    do {
      return KeyHandover(
        previousFingerprint: fingerprint, next: next, signedAtMilliseconds: milliseconds,
        signature: try key.sign(bytes))
    } catch {
      throw .deviceKey(path: "", problem: "cannot sign the key handover: \(error)")
    }
  }
}
