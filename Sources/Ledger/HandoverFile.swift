import Foundation
import RecordChain

/// The handovers of a device key's line, oldest first, in a file beside the key
/// (`device.key.handovers`): one line each, "from-fingerprint new-key-base64 signed-at-ms
/// signature-base64". The pad presents them to the hub so it can take each new key.
public struct HandoverFile: Sendable {
  /// The file.
  public let path: String

  /// The handover file of the key at `keyPath`.
  public init(keyPath: String) { path = keyPath + ".handovers" }

  /// Every handover written so far (none when there is no file). A line that does not read is an
  /// error naming it: a handover the pad cannot present would cost the hub the new chain.
  public func read() throws(LedgerError) -> [KeyHandover] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    var handovers: [KeyHandover] = []
    for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
      let fields = line.split(separator: " ").map(String.init)
      guard fields.count == 4, let raw = Data(base64Encoded: fields[1]),
        let next = try? DevicePublicKey(rawRepresentation: Array(raw)), let milliseconds = Int64(fields[2]),
        let signature = Data(base64Encoded: fields[3])
      else { throw .deviceKey(path: path, problem: "line \(number + 1) is not a key handover") }
      handovers.append(
        KeyHandover(
          previousFingerprint: fields[0], next: next, signedAtMilliseconds: milliseconds,
          signature: Array(signature)))
    }
    return handovers
  }

  /// Adds `handover` after the others, rewriting the file atomically (`AtomicFile`). A file that
  /// does not read is moved aside (`.unreadable-MILLISECONDS`) rather than stopping the pad: the
  /// new handover alone still leads a hub that knows the key handing over to the new one.
  func append(_ handover: KeyHandover) throws(LedgerError) {
    var earlier: [KeyHandover] = []
    do { earlier = try read() } catch {
      try? FileManager.default.moveItem(
        atPath: path, toPath: "\(path).unreadable-\(Int64(Date().timeIntervalSince1970 * 1000))")
    }
    let lines = (earlier + [handover]).map {
      "\($0.previousFingerprint) \($0.next.base64) \($0.signedAtMilliseconds) \(Data($0.signature).base64EncodedString())\n"
    }
    do { try AtomicFile.write(Array(lines.joined().utf8), to: path) } catch {
      throw .deviceKey(path: path, problem: error.description)
    }
  }
}
