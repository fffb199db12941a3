import Foundation

/// The file beside the device key (`device.key.chain`) saying which key has begun a chain: its
/// fingerprint. A ledger that starts over empty while its key has begun one must not continue
/// under that key, or the hub would take its new seq 1 for the old one (`LedgerStore.open`).
struct ChainMarker {
  let path: String

  init(keyPath: String) { path = keyPath + ".chain" }

  /// Whether `key` has begun a chain.
  func names(_ key: DeviceKey) -> Bool {
    guard let data = FileManager.default.contents(atPath: path) else { return false }
    return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
      == key.publicKey.fingerprint
  }

  /// Notes that `key` has begun a chain, atomically (`AtomicFile`).
  func mark(_ key: DeviceKey) throws(LedgerError) {
    do { try AtomicFile.write(Array((key.publicKey.fingerprint + "\n").utf8), to: path) } catch {
      throw .deviceKey(path: path, problem: error.description)
    }
  }
}
