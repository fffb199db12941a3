import RatingModel
import TestSupport
import Testing

@testable import RecordChain

/// What every hash and signature covers, byte for byte (`RecordVectors`): a refactor that changes
/// one byte breaks every chain already stored at every hub, so it fails here by name.
@Suite struct SignedBytesVectors {
  let records = RecordVectors.records

  @Test func canonicalEncodingVersion1IsByteExact() {
    let record = records[0]
    #expect(record.time.clockKnown == nil)
    let encoding = CanonicalEncoding.encode(
      seq: record.seq, uuid: record.uuid, time: record.time, entry: record.entry)
    #expect(encoding.first == CanonicalEncoding.version1)
    #expect(Hex.encode(encoding) == RecordVectors.encodings[0])
  }

  @Test func canonicalEncodingVersion2IsByteExact() {
    for index in 1..<3 {
      let record = records[index]
      let encoding = CanonicalEncoding.encode(
        seq: record.seq, uuid: record.uuid, time: record.time, entry: record.entry)
      #expect(encoding.first == CanonicalEncoding.version)
      #expect(Hex.encode(encoding) == RecordVectors.encodings[index], "record seq \(record.seq)")
    }
  }

  @Test func recordHashesChainFromTheGenesis() {
    var previous = ChainVerifier.genesis
    for (index, record) in records.enumerated() {
      let hash = CanonicalEncoding.chainHash(
        previous: previous, encoding: RecordVectors.bytes(RecordVectors.encodings[index]))
      #expect(Hex.encode(hash) == RecordVectors.hashes[index], "record seq \(record.seq)")
      previous = hash
    }
  }

  @Test func theFixedKeysFingerprint() throws {
    let key = try DevicePublicKey(rawRepresentation: RecordVectors.publicKey)
    #expect(key.fingerprint == RecordVectors.fingerprint)
  }

  @Test func theVerifierAcceptsTheFixedChainAndItsSignatures() throws {
    var verifier = ChainVerifier(publicKey: try DevicePublicKey(rawRepresentation: RecordVectors.publicKey))
    for record in records { #expect(verifier.check(record) == nil, "record seq \(record.seq)") }
    #expect(verifier.verified == 3)
  }

  @Test func oneChangedFieldIsCaughtByTheVerifier() throws {
    var altered = records
    altered[1].entry.reasons = ["207"]
    var verifier = ChainVerifier(publicKey: try DevicePublicKey(rawRepresentation: RecordVectors.publicKey))
    #expect(verifier.check(altered[0]) == nil)
    #expect(verifier.check(altered[1]) != nil)
  }

  @Test func theSignedHeadIsByteExact() throws {
    let line = HeadStatement.signedBytes(
      fingerprint: RecordVectors.fingerprint, seq: 3, hash: RecordVectors.bytes(RecordVectors.hashes[2]),
      at: RecordVectors.headSignedAt)
    #expect(String(decoding: line, as: UTF8.self) == RecordVectors.headLine)
    let head = HeadStatement(
      fingerprint: RecordVectors.fingerprint, seq: 3, hash: RecordVectors.bytes(RecordVectors.hashes[2]),
      signedAtMilliseconds: RecordVectors.headSignedAt,
      signature: RecordVectors.bytes(RecordVectors.headSignature))
    #expect(head.isValid(for: try DevicePublicKey(rawRepresentation: RecordVectors.publicKey)))
  }
}
