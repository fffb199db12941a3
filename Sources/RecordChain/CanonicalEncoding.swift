import Crypto

/// The exact bytes a record's hash covers; the hub re-computes them to prove nothing changed.
///
/// Version byte 0x01, then every field in this fixed order: seq, uuid, kind, wall ms, UTC offset,
/// boot id, monotonic ns, prompt id, source, transaction number, service item code, service item
/// name, staff number, window, department, stage, level, reasons (joined by ","), checklist
/// version, suspect reason, channel, detail. Integers are 8-byte big-endian; text is a 4-byte
/// big-endian length and its UTF-8 bytes; an absent field is the length 0xFFFFFFFF alone.
/// hash = SHA-256(previous hash ‖ encoding), with 32 zero bytes before the first record.
///
/// Version byte 0x02 (records that say whether the pad's wall clock was known when they were
/// written): the same fields in the same order, then one byte, 0x01 known, 0x00 not known. The
/// version byte decides: a record whose time carries no such flag (`clockKnown == nil`, every
/// record written before version 2) is encoded as version 1, byte for byte as before, so old
/// ledgers and the chains stored at hubs keep verifying.
public enum CanonicalEncoding {
  /// A record's hash: SHA-256 over the previous record's hash and this record's encoding.
  public static func chainHash(previous: [UInt8], encoding: [UInt8]) -> [UInt8] {
    Array(SHA256.hash(data: previous + encoding))
  }

  /// The encoding of records written before the clock flag.
  public static let version1: UInt8 = 1
  /// The current encoding version: version 1 plus whether the wall clock was known.
  public static let version: UInt8 = 2

  /// Encodes the signed content of a record.
  public static func encode(seq: Int64, uuid: String, time: RecordTime, entry: LedgerEntry) -> [UInt8] {
    var bytes: [UInt8] = [time.clockKnown == nil ? version1 : version]
    func integer(_ value: Int64) {
      withUnsafeBytes(of: value.bigEndian) { bytes.append(contentsOf: $0) }
    }
    func text(_ value: String?) {
      guard let value else {
        bytes.append(contentsOf: [0xff, 0xff, 0xff, 0xff])
        return
      }
      let utf8 = Array(value.utf8)
      withUnsafeBytes(of: UInt32(utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
      bytes.append(contentsOf: utf8)
    }
    let transaction = entry.transaction
    integer(seq)
    text(uuid)
    text(entry.kind.rawValue)
    integer(time.wallMilliseconds)
    integer(Int64(time.utcOffsetSeconds))
    text(time.bootID)
    integer(time.monotonicNanoseconds)
    text(entry.promptID)
    text(entry.source)
    text(transaction?.number)
    text(transaction?.serviceItemCode)
    text(transaction?.serviceItemName)
    text(transaction?.staffNumber)
    text(transaction?.window)
    text(transaction?.department)
    text(transaction?.stage.rawValue)
    text(entry.level?.rawValue)
    text(entry.reasons.joined(separator: ","))
    text(entry.checklistVersion)
    text(entry.suspectReason?.rawValue)
    text(entry.channel?.rawValue)
    text(entry.detail)
    if let known = time.clockKnown { bytes.append(known ? 1 : 0) }
    return bytes
  }
}
