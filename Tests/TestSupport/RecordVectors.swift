import RatingModel
import RecordChain

/// Three fixed records and every byte they must give: the canonical encoding (versions 1 and 2),
/// the chained hash, the Ed25519 signature under a fixed key, the signed head.
///
/// The expected bytes were computed apart from this code base, with Python's `hashlib` and
/// `cryptography` from the layout `CanonicalEncoding` documents, so a change to what is signed
/// fails a test that names the form it changed: it would break every chain stored at every hub.
public enum RecordVectors {
  /// The secret key of RFC 8032's first Ed25519 test vector, as the device key file holds it.
  public static let privateKeySeed = bytes("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")
  /// Its public key (RFC 8032 test 1).
  public static let publicKey = bytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
  /// SHA-256 of the public key, first 16 bytes.
  public static let fingerprint = "21fe31dfa154a261626bf854046fd227"

  /// A rating (encoding version 1: no clock flag), its reasons (version 2, clock known) and a
  /// suspect press on a kiosk (version 2, clock not known).
  public static let records: [LedgerRecord] = {
    let transaction = try! Transaction(
      number: "BJ2026120400017", serviceItemCode: "11640181MB0001", serviceItemName: "户口迁移",
      staffNumber: "A1024", window: "7", department: "640181000", stage: .finished)
    let boot = "0b6e3c1a-2f4d-4e5b-8a9c-7d6e5f4a3b2c"
    let entries = [
      LedgerEntry(
        kind: .rating, promptID: "p-20261204-0001", source: "counter", transaction: transaction,
        level: .veryDissatisfied, channel: .windowPad),
      LedgerEntry(
        kind: .reasons, promptID: "p-20261204-0001", source: "counter", transaction: transaction,
        level: .veryDissatisfied, reasons: ["207", "209"], checklistVersion: "national-2023",
        channel: .windowPad),
      LedgerEntry(kind: .suspectPress, level: .satisfied, suspectReason: .noPrompt, channel: .kiosk),
    ]
    let times = [
      RecordTime(
        wallMilliseconds: 1_764_806_400_123, utcOffsetSeconds: 28800, bootID: boot,
        monotonicNanoseconds: 98_765_432_100),
      RecordTime(
        wallMilliseconds: 1_764_806_405_456, utcOffsetSeconds: 28800, bootID: boot,
        monotonicNanoseconds: 103_765_432_100, clockKnown: true),
      RecordTime(
        wallMilliseconds: 946_684_800_000, utcOffsetSeconds: 28800, bootID: "b2",
        monotonicNanoseconds: 5_000_000_000, clockKnown: false),
    ]
    let uuids = [
      "6f1c2a4e-8b3d-4f5a-9c7e-1d2b3a4c5e6f", "a3b4c5d6-e7f8-4a1b-9c2d-3e4f5a6b7c8d",
      "c0ffee00-1234-4abc-8def-0123456789ab",
    ]
    return (0..<3).map { index in
      LedgerRecord(
        seq: Int64(index + 1), uuid: uuids[index], time: times[index], entry: entries[index],
        hash: bytes(hashes[index]), signature: bytes(signatures[index]))
    }
  }()

  /// The canonical encodings of `records`, in hex.
  public static let encodings = [
    "0100000000000000010000002436663163326134652d386233642d346635612d396337652d31643262336134633565366600000006"
      + "726174696e670000019ae6a8987b00000000000070800000002430623665336331612d326634642d346535622d386139632d37"
      + "643665356634613362326300000016fee0e5240000000f702d32303236313230342d3030303100000007636f756e7465720000"
      + "000f424a323032363132303430303031370000000e31313634303138314d42303030310000000ce688b7e58fa3e8bf81e7a7bb"
      + "0000000541313032340000000137000000093634303138313030300000000866696e697368656400000011766572795f646973"
      + "73617469736669656400000000ffffffffffffffff0000000a77696e646f775f706164ffffffff",
    "0200000000000000020000002461336234633564362d653766382d346131622d396332642d33653466356136623763386400000007"
      + "726561736f6e730000019ae6a8ad5000000000000070800000002430623665336331612d326634642d346535622d386139632d"
      + "3764366535663461336232630000001828e6d7240000000f702d32303236313230342d3030303100000007636f756e74657200"
      + "00000f424a323032363132303430303031370000000e31313634303138314d42303030310000000ce688b7e58fa3e8bf81e7a7"
      + "bb0000000541313032340000000137000000093634303138313030300000000866696e697368656400000011766572795f6469"
      + "73736174697366696564000000073230372c3230390000000d6e6174696f6e616c2d32303233ffffffff0000000a77696e646f"
      + "775f706164ffffffff01",
    "0200000000000000030000002463306666656530302d313233342d346162632d386465662d3031323334353637383961620000000d"
      + "737573706563745f7072657373000000dc6acfac000000000000007080000000026232000000012a05f200ffffffffffffffff"
      + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffff0000000973617469736669656400000000ffffffff0000"
      + "00096e6f5f70726f6d7074000000056b696f736bffffffff00",
  ]

  /// SHA-256(previous hash ‖ encoding) from the genesis (32 zero bytes), in hex.
  public static let hashes = [
    "25627696deaadacdd43c362fceacfb8514182a81c79791b2de7efe446201bbb3",
    "54bb1d935e24b2174298433fe3447e15e5cbf00bee2d852438ae21314773a01c",
    "fd396ed3904e3a50f5ad421e86e91beaed1f01038e38669fd965a5f4070da546",
  ]

  /// Ed25519 (RFC 8032, deterministic) of each hash under `privateKeySeed`, in hex.
  public static let signatures = [
    "025a401032bbedfc44a94f44f31a728d80cf2a72bd228ff8967dedd4e305b37d"
      + "11054ad2f71c32752fd84f989f6a5c8d49db77bd80680e13be36ac5e10c54601",
    "bac033e1a36091fe48b5c5e03c22c770cb1fcb97d35d0087641575c7f8e2cef5"
      + "b9d5432663afb4594b61a4788736d92c4f79af7fe8ceef14f575904d3ddf7d0c",
    "ec8b3047f763700191f0b687c4763e21c7f1b1bad7614b1c4c776d516b83f8f7"
      + "c4f7fe591c7273f1b744fea3df7006fe97d810d74a9a4ae64398a432cb833d0f",
  ]

  /// When the head below was signed.
  public static let headSignedAt: Int64 = 1_764_806_460_000
  /// The line the head statement signs: the chain ends at seq 3 with the third hash.
  public static let headLine =
    "ratingpad-head-v1 21fe31dfa154a261626bf854046fd227 3 "
    + "fd396ed3904e3a50f5ad421e86e91beaed1f01038e38669fd965a5f4070da546 1764806460000"
  /// Ed25519 of `headLine` under `privateKeySeed`, in hex.
  public static let headSignature =
    "d95558e0de64916965c85e2b98f3f2264bb8310b85c5625cb748a05ca2f2020a"
    + "0ed7afc8982b0f53dc118dd93c46afa1697b8bc1c56d9f3f1746169347218f09"

  /// The bytes of a hex literal of this file.
  public static func bytes(_ hex: String) -> [UInt8] { Hex.decode(hex)! }
}
