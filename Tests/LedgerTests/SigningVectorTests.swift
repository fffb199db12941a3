import Foundation
import RecordChain
import TestSupport
import Testing

@testable import Ledger

/// The pad's own signing, from a device key file, gives exactly the fixed signatures
/// (`RecordVectors`; Ed25519 is deterministic): records and the signed head.
@Suite struct SigningVectors {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
    .path

  func fixedKey() throws -> DeviceKey {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/device.key"
    #expect(
      FileManager.default.createFile(
        atPath: path, contents: Data(RecordVectors.privateKeySeed), attributes: [.posixPermissions: 0o600]))
    return try DeviceKey.load(path: path)
  }

  @Test func recordSignaturesAreByteExact() throws {
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let key = try fixedKey()
    #expect(key.publicKey.raw == RecordVectors.publicKey)
    for (index, hash) in RecordVectors.hashes.enumerated() {
      #expect(Hex.encode(try key.sign(RecordVectors.bytes(hash))) == RecordVectors.signatures[index])
    }
  }

  @Test func theSignedHeadIsByteExact() throws {
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let head = try HeadStatement.sign(
      seq: 3, hash: RecordVectors.bytes(RecordVectors.hashes[2]), key: try fixedKey(),
      at: RecordVectors.headSignedAt)
    #expect(head.fingerprint == RecordVectors.fingerprint)
    #expect(Hex.encode(head.signature) == RecordVectors.headSignature)
  }
}
