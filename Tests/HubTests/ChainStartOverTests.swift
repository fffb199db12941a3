import AsyncHTTPClient
import Foundation
import HubLink
import Ledger
import RatingModel
import RecordChain
import SyncProtocol
import SyncTestSupport
import Testing

@testable import Hub

/// A new chain is never mistaken for the old one: a key handed over from the enrolled one is
/// taken as its successor and stored from seq 1, a forged handover is refused, and a seq the hub
/// holds sent again with another hash is a fork, flagged, kept, never acknowledged. On SQLite and,
/// when RATINGPAD_TEST_POSTGRES is set, PostgreSQL.
@Suite struct ChainStartOverTests {
  /// A pad's state directory: its key files and ledger, opened as the agent opens them.
  final class PadState {
    let directory =
      FileManager.default.temporaryDirectory.appendingPathComponent("chain-\(UUID().uuidString)").path
    var keyPath: String { directory + "/device.key" }
    var ledgerPath: String { directory + "/ledger.sqlite" }
    private(set) var opening: LedgerOpening!
    var key: DeviceKey { opening.key }
    private var count = 0

    init() throws {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try open()
    }
    deinit { try? FileManager.default.removeItem(atPath: directory) }

    func open() throws {
      opening = nil
      let key = try DeviceKey.loadOrCreate(path: keyPath, ledger: ledgerPath)
      opening = try LedgerStore.open(path: ledgerPath, keyPath: keyPath, key: key)
    }

    func startOver() throws {
      opening = nil
      for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: ledgerPath + suffix) {
        try FileManager.default.removeItem(atPath: ledgerPath + suffix)
      }
      try open()
    }

    /// Copies the ledger aside, as a backup is made.
    func backUp(to path: String) throws {
      _ = try opening.store.checkpointedSize()
      try FileManager.default.copyItem(atPath: ledgerPath, toPath: path)
    }

    /// Puts a backup in the ledger's place, as a technician restoring it would, and opens it.
    func restore(from path: String) throws {
      opening = nil
      for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: ledgerPath + suffix) {
        try FileManager.default.removeItem(atPath: ledgerPath + suffix)
      }
      try FileManager.default.copyItem(atPath: path, toPath: ledgerPath)
      try open()
    }

    @discardableResult
    func rate(_ levels: [SatisfactionLevel]) throws -> [LedgerRecord] {
      try levels.map { level in
        count += 1
        return try opening.store.append(
          LedgerEntry(
            kind: .rating, promptID: "p-\(count)", source: "counter",
            transaction: try Transaction(
              number: "BJ-\(UUID().uuidString.prefix(8))", serviceItemCode: "ITEM"),
            level: level, channel: .windowPad), at: .now())
      }
    }

    /// Every record after `seq`, with the handovers, as a push would send them.
    func page(after seq: Int64 = 0, handovers: [WireKeyHandover]? = nil) throws -> RecordPage {
      let records = try opening.store.records(after: seq, limit: 1000)
      return RecordPage(
        device: key.publicKey.fingerprint, records: records.map(WireRecord.init),
        headSeq: try opening.store.head().seq, acknowledgedThrough: 0, more: false,
        handovers: try handovers ?? HandoverFile(keyPath: keyPath).read().map(WireKeyHandover.init))
    }

    func card(handovers: [WireKeyHandover]? = nil) throws -> DeviceCard {
      DeviceCard(
        fingerprint: key.publicKey.fingerprint, publicKey: key.publicKey.base64, areaCode: "640181",
        department: "灵武市政务服务管理局", hall: "灵武市政务服务中心", window: "7", channel: "window_pad",
        channelCode: 4, software: "test",
        handovers: try handovers ?? HandoverFile(keyPath: keyPath).read().map(WireKeyHandover.init))
    }
  }

  /// The pad's API on loopback, over its ledger as it is now: its card and pages carry its handovers.
  func serve(_ pad: PadState, token: AccessToken) async throws -> (server: PadServer, base: String) {
    let handovers = try HandoverFile(keyPath: pad.keyPath).read().map(WireKeyHandover.init)
    let api = PadAPI(
      settings: APISettings(
        host: "127.0.0.1", port: 0, tls: nil, hubToken: token,
        counterToken: try AccessToken(secret: "counter-secret-0123456789"), counterAddresses: .loopback),
      ledger: try SyncLedger(
        path: pad.ledgerPath, device: pad.key.publicKey.fingerprint, handovers: handovers),
      key: pad.key, card: try pad.card(), desk: StubDesk(), status: LinkStatus(), metrics: LinkMetrics())
    let server = try PadServer(api: api, logger: quietLogger)
    return (server, "http://127.0.0.1:\(await server.port()!)")
  }

  /// The hub's store on `database`, prepared, with an intake taking pages into it.
  func hub(_ database: String) async throws -> (
    store: any HubStore, intake: HubIntake, cleanup: @Sendable () -> Void
  ) {
    let (store, cleanup) = try await HubStoreTests().open(database)
    try await store.prepare()
    return (store, HubIntake(store: store, logger: quietLogger), cleanup)
  }

  /// A pad enrolled at the hub with a push token, its first five records stored.
  func enrolledPad(_ store: any HubStore, intake: HubIntake) async throws -> (PadState, token: String) {
    let pad = try PadState()
    try pad.rate([.verySatisfied, .satisfied, .veryDissatisfied, .basicallySatisfied, .dissatisfied])
    let token = "Bearer push-token-\(UUID().uuidString)"
    try await store.enrolPad(
      try pad.card(), name: "window-7-\(UUID().uuidString.prefix(6))",
      tokenHash: PushTokenHash.of(authorization: token))
    let answer = try await intake.acknowledge(try pad.page(), from: pad.key.publicKey.fingerprint)
    #expect(answer.through == 5)
    return (pad, token)
  }

  @Test(arguments: HubStoreTests.databases)
  func aPushOfAHandedOverKeyIsStoredAsTheSuccessorsChain(database: String) async throws {
    let (store, intake, cleanup) = try await hub(database)
    defer { cleanup() }
    let (pad, token) = try await enrolledPad(store, intake: intake)
    let old = pad.key.publicKey.fingerprint
    let oldHead = try #require(try await store.device(old))

    try pad.startOver()
    try pad.rate([.veryDissatisfied, .satisfied])
    let new = pad.key.publicKey.fingerprint
    #expect(new != old)
    // The push comes with the old device's token.
    let tokenDevice = try #require(try await intake.fingerprint(ofToken: token))
    #expect(tokenDevice == old)
    let answer = try await intake.acknowledge(try pad.page(), from: tokenDevice)
    #expect(answer.through == 3, "the reset record and both ratings")

    let successor = try #require(try await store.device(new))
    #expect(successor.lastSeq == 3)
    #expect(successor.name == oldHead.name)
    #expect(successor.card.hall == oldHead.card.hall && successor.card.publicKey == pad.key.publicKey.base64)
    let predecessor = try #require(try await store.device(old))
    #expect(predecessor.handedOverTo == new)
    #expect(predecessor.lastSeq == 5 && predecessor.lastHash == oldHead.lastHash, "the old chain is kept")
    #expect(predecessor.problem == nil)
    #expect(try await intake.fingerprint(ofToken: token) == new, "the token moved")
    #expect(try await store.device(named: oldHead.name)?.fingerprint == new)
    let ratings = try await store.records(kinds: ["rating"]).filter { $0.device == new }
    #expect(ratings.map(\.record.level) == ["very_dissatisfied", "satisfied"])
    // The next push, under the moved token, needs no handover any more.
    try pad.rate([.verySatisfied])
    #expect(try await intake.acknowledge(try pad.page(after: 3), from: new).through == 4)
  }

  @Test(arguments: HubStoreTests.databases)
  func aHandoverNotSignedByTheEnrolledKeyIsRefusedAndNothingIsEnrolled(database: String) async throws {
    let (store, intake, cleanup) = try await hub(database)
    defer { cleanup() }
    let (pad, token) = try await enrolledPad(store, intake: intake)
    let old = pad.key.publicKey
    // Another pad, started over under a key of its own, claims to be this one's successor.
    let stranger = try PadState()
    try stranger.rate([.satisfied])
    try stranger.startOver()
    try stranger.rate([.verySatisfied])
    let forged = try #require(try HandoverFile(keyPath: stranger.keyPath).read().first)
    let relabelled = KeyHandover(
      previousFingerprint: old.fingerprint, next: forged.next,
      signedAtMilliseconds: forged.signedAtMilliseconds,
      signature: forged.signature)
    do {
      _ = try await intake.acknowledge(
        try stranger.page(handovers: [WireKeyHandover(relabelled)]), from: old.fingerprint)
      Issue.record("a forged handover was taken")
    } catch let refusal as IntakeRefusal {
      guard case .handoverRefused(let why) = refusal else {
        Issue.record("wrong refusal: \(refusal)")
        return
      }
      #expect(why.contains("not signed by key \(old.fingerprint)"), "\(why)")
    }
    #expect(try await store.device(stranger.key.publicKey.fingerprint) == nil)
    let device = try #require(try await store.device(old.fingerprint))
    #expect(device.problem == nil && device.handedOverTo == nil)
    #expect(try await intake.fingerprint(ofToken: token) == old.fingerprint)
    // A page of another key with no handover at all stays a wrong device.
    await #expect(throws: IntakeRefusal.self) {
      try await intake.acknowledge(try stranger.page(handovers: []), from: old.fingerprint)
    }
  }

  @Test(arguments: HubStoreTests.databases)
  func aHandoverToAKeyEnrolledAlreadyNeverTakesThatDeviceOver(database: String) async throws {
    let (store, intake, cleanup) = try await hub(database)
    defer { cleanup() }
    let (pad, token) = try await enrolledPad(store, intake: intake)
    let old = pad.key.publicKey.fingerprint
    try pad.startOver()
    let new = pad.key.publicKey.fingerprint
    // The new key is another pad's on file (enrolled from its card, say).
    let other = "window-9-\(UUID().uuidString.prefix(6))"
    try await store.enrol(try pad.card(handovers: []), name: other)
    do {
      _ = try await intake.acknowledge(try pad.page(), from: old)
      Issue.record("a handover took over an enrolled device")
    } catch let refusal as IntakeRefusal {
      guard case .handoverRefused(let why) = refusal else {
        Issue.record("wrong refusal: \(refusal)")
        return
      }
      #expect(why.contains("enrolled already as pad \(other)"), "\(why)")
    }
    #expect(try await store.device(new)?.name == other)
    #expect(try await store.device(old)?.handedOverTo == nil)
    #expect(try await intake.fingerprint(ofToken: token) == old, "the token stays")
    // The store refuses it too, should two hub instances race (PostgreSQL wraps the error).
    do {
      try await store.handOver(device: old, to: try pad.card(handovers: []))
      Issue.record("the store handed over to an enrolled key")
    } catch {
      #expect("\(error)".contains("is enrolled already, as pad \(other)"), "\(error)")
    }
  }

  @Test(arguments: HubStoreTests.databases)
  func aPulledPadThatStartedOverIsAdoptedUnderItsPinAndItsNewChainPulled(database: String) async throws {
    let (store, intake, cleanup) = try await hub(database)
    defer { cleanup() }
    let token = try AccessToken(secret: "hub-secret-0123456789")
    let pad = try PadState()
    try pad.rate([.satisfied, .veryDissatisfied])
    let old = pad.key.publicKey.fingerprint
    let name = "window-7-\(UUID().uuidString.prefix(6))"
    func pull(_ base: String) async throws -> Int {
      try await PadPuller(
        pad: PadEntry(name: name, url: base, token: token, fingerprint: old), intake: intake, store: store,
        client: HTTPClient.shared, logger: quietLogger
      ).pullOnce()
    }
    let first = try await serve(pad, token: token)
    #expect(try await pull(first.base) == 2)
    await first.server.stop()

    try pad.startOver()
    try pad.rate([.veryDissatisfied])
    let new = pad.key.publicKey.fingerprint
    let second = try await serve(pad, token: token)
    defer { Task { await second.server.stop() } }
    #expect(
      try await pull(second.base) == 2, "the reset record and the rating, under the pinned key's successor")
    #expect(try await store.device(old)?.handedOverTo == new)
    #expect(try await store.device(old)?.lastSeq == 2)
    let successor = try #require(try await store.device(new))
    #expect(successor.name == name && successor.lastSeq == 2 && successor.problem == nil)
    #expect(try pad.opening.store.acknowledgedThrough() == 2)
    #expect(try await pull(second.base) == 0, "pulled again: nothing new, nothing flagged")
    #expect(try await store.device(new)?.problem == nil)
  }

  @Test func aPulledPadWhoseHeadIsBelowTheHubsWithAnotherHashIsAFork() async throws {
    let (store, intake, cleanup) = try await hub("sqlite")
    defer { cleanup() }
    let token = try AccessToken(secret: "hub-secret-0123456789")
    let pad = try PadState()
    try pad.rate([.satisfied, .satisfied, .satisfied])
    let backup = pad.directory + "/backup.sqlite"
    try pad.backUp(to: backup)
    try pad.rate([.verySatisfied, .satisfied])
    let puller = { (base: String) in
      PadPuller(
        pad: PadEntry(name: "window-7", url: base, token: token, fingerprint: pad.key.publicKey.fingerprint),
        intake: intake, store: store, client: HTTPClient.shared, logger: quietLogger)
    }
    let first = try await serve(pad, token: token)
    #expect(try await puller(first.base).pullOnce() == 5)
    await first.server.stop()

    try pad.restore(from: backup)
    try pad.rate([.veryDissatisfied])
    let second = try await serve(pad, token: token)
    defer { Task { await second.server.stop() } }
    await #expect(throws: PullError.self) { try await puller(second.base).pullOnce() }
    let device = try #require(try await store.device(pad.key.publicKey.fingerprint))
    #expect(device.problem?.contains("its head at seq 4 differs") == true, "\(device.problem ?? "")")
    #expect(device.lastSeq == 5)
  }

  @Test(arguments: HubStoreTests.databases)
  func aStoredSeqSentWithAnotherHashIsAForkFlaggedKeptAndRefused(database: String) async throws {
    let (store, intake, cleanup) = try await hub(database)
    defer { cleanup() }
    let pad = try PadState()
    try pad.rate([.verySatisfied, .satisfied, .satisfied])
    // The ledger as an old backup holds it: three records, the same key.
    _ = try pad.opening.store.checkpointedSize()
    let backup = pad.directory + "/backup.sqlite"
    try FileManager.default.copyItem(atPath: pad.ledgerPath, toPath: backup)
    try pad.rate([.verySatisfied, .satisfied])
    try await store.enrol(try pad.card(), name: "window-7-\(UUID().uuidString.prefix(6))")
    let fingerprint = pad.key.publicKey.fingerprint
    #expect(try await intake.acknowledge(try pad.page(), from: fingerprint).through == 5)
    // The same records again are no fork: acknowledged, stored once.
    #expect(try await intake.acknowledge(try pad.page(after: 2), from: fingerprint).through == 5)

    let restored = try LedgerStore.open(path: backup, deviceKey: pad.key).store
    let forked = try restored.append(
      LedgerEntry(
        kind: .rating, promptID: "p-restored", source: "counter", level: .veryDissatisfied,
        channel: .windowPad),
      at: .now())
    #expect(forked.seq == 4)
    let page = RecordPage(
      device: fingerprint, records: try restored.records(after: 3, limit: 10).map(WireRecord.init),
      headSeq: 4,
      acknowledgedThrough: 3, more: false)
    do {
      _ = try await intake.acknowledge(page, from: fingerprint)
      Issue.record("a fork was acknowledged")
    } catch {
      guard case .fork(let why) = error else {
        Issue.record("wrong refusal: \(error)")
        return
      }
      #expect(why.contains("fork at seq 4"), "\(why)")
      #expect(why.contains(Hex.encode(forked.hash)), "\(why)")
    }
    let device = try #require(try await store.device(fingerprint))
    #expect(device.lastSeq == 5, "the hub's chain is untouched")
    #expect(device.problem?.contains("fork at seq 4") == true)
    let kept = try await store.forkedRecords(device: fingerprint)
    #expect(kept.map(\.record.seq) == [4])
    #expect(kept.first?.record.hash == Hex.encode(forked.hash))
    #expect(kept.first?.record.level == "very_dissatisfied")
    #expect(try await store.count() >= 5)
    #expect(try await store.hashes(device: fingerprint, from: 4, through: 4)[4] != Hex.encode(forked.hash))
  }

  @Test(arguments: HubStoreTests.databases)
  func aPulledCardWithHandoversFromTheEnrolledKeyIsAdopted(database: String) async throws {
    let (store, intake, cleanup) = try await hub(database)
    defer { cleanup() }
    let pad = try PadState()
    try pad.rate([.satisfied])
    let name = "window-7-\(UUID().uuidString.prefix(6))"
    try await store.enrol(try pad.card(), name: name)
    let old = pad.key.publicKey.fingerprint
    #expect(
      try await intake.adopt(try pad.card(), asPad: name, pinned: old) == false,
      "no handovers, nothing to adopt")
    try pad.startOver()
    let new = pad.key.publicKey.fingerprint

    #expect(
      try await intake.adopt(try pad.card(), asPad: name, pinned: old), "the pin is kept by its successor")
    #expect(try await store.device(named: name)?.fingerprint == new)
    #expect(try await store.device(old)?.handedOverTo == new)
    // Adopting again changes nothing; another pin is not satisfied.
    #expect(try await intake.adopt(try pad.card(), asPad: name, pinned: nil) == false)
    #expect(try await intake.adopt(try pad.card(), asPad: name, pinned: "00" + old.dropFirst(2)) == false)
    #expect(try await intake.acknowledge(try pad.page(), from: new).through == 1)

    // A card whose handovers do not start from the enrolled key is refused.
    let other = try PadState()
    try other.rate([.satisfied])
    try other.startOver()
    await #expect(throws: IntakeRefusal.self) {
      _ = try await intake.adopt(try other.card(), asPad: name, pinned: nil)
    }
    #expect(try await store.device(other.key.publicKey.fingerprint) == nil)
  }
}
