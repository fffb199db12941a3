import AsyncHTTPClient
import Foundation
import Hub
import HubLink
import Ledger
import Logging
import RecordChain
import SyncProtocol
import SyncTestSupport
import Synchronization
import Testing

/// The hub pulls over real loopback HTTP from the real API on a real ledger file.
@Suite struct PullTests {
  func puller(_ pad: TestPad, _ hub: TestHub, pageSize: Int = 1000) -> PadPuller {
    PadPuller(
      pad: PadEntry(name: "window-3", url: pad.base, token: pad.hubToken), intake: hub.intake,
      store: hub.store,
      client: HTTPClient.shared, logger: quietLogger)
  }

  @Test func aPadWhoseKeyNoOneEnrolledIsNotPulledUnlessTheFirstAnswerIsToBeTrusted() async throws {
    let pad = try TestPad()
    try await pad.serve()
    try pad.rate(3)
    let hub = try TestHub()
    try await hub.store.prepare()
    let unknown = PadPuller(
      pad: PadEntry(name: "window-3", url: pad.base, token: pad.hubToken), intake: hub.intake,
      store: hub.store,
      client: HTTPClient.shared, logger: quietLogger)
    await #expect(throws: PullError.self) { try await unknown.pullOnce() }
    #expect(try await hub.store.devices().isEmpty)
    #expect(try pad.writer.acknowledgedThrough() == 0)
    let trusting = PadPuller(
      pad: PadEntry(name: "window-3", url: pad.base, token: pad.hubToken, enrolOnFirstPull: true),
      intake: hub.intake, store: hub.store, client: HTTPClient.shared, logger: quietLogger)
    #expect(try await trusting.pullOnce() == 3)
    #expect(try await hub.store.devices().map(\.fingerprint) == [pad.key.publicKey.fingerprint])
    await pad.stop()
  }

  @Test func theHubPullsWhileThePadKeepsRating() async throws {
    let pad = try TestPad()
    try await pad.serve()
    let hub = try TestHub()
    try await hub.start(enrolling: pad)
    let puller = puller(pad, hub)
    // The pad rates on until the hub has taken records in five separate pulls.
    let pulls = Mutex(0)
    let rating = Task.detached {
      var written = 0
      while pulls.withLock({ $0 }) < 5 {
        written += try pad.rate(3, batch: 3, startingAt: written).count
        // 200 commits a second, far beyond any hall, yet leaves SQLite's single write lock free
        // now and then: back-to-back commits would starve every other writer.
        try await Task.sleep(for: .milliseconds(5))
      }
      return written
    }
    while pulls.withLock({ $0 }) < 5 {
      if try await puller.pullOnce() > 0 { pulls.withLock { $0 += 1 } }
    }
    let written = try await rating.value
    try await puller.pullOnce()
    let head = try pad.writer.head().seq
    #expect(written >= 15 && Int64(written) == head)
    #expect(try await hub.storedSeqs() == Array(1...head))
    #expect(try pad.writer.acknowledgedThrough() == head)
    #expect(try await hub.store.device(pad.key.publicKey.fingerprint)?.problem == nil)
    await pad.stop()
    await hub.stop()
  }

  @Test func theHubDyingBetweenStoringAndAcknowledgingLosesAndDuplicatesNothing() async throws {
    let pad = try TestPad()
    try await pad.serve()
    let hub = try TestHub()
    try await hub.start(enrolling: pad)
    try pad.rate(40, batch: 10)
    // The hub stores a page and dies before its acknowledgement leaves.
    let client = HubClient(base: pad.base, token: "hub-secret-0123456789")
    let page = try WireCoding.decoder().decode(
      RecordPage.self, from: Data(try await client.get("/v1/records?after=0&limit=25").body.utf8))
    #expect(try await hub.intake.accept(page, from: pad.key.publicKey.fingerprint) == 25)
    #expect(try pad.writer.acknowledgedThrough() == 0)
    // The same page again (a retry after the crash) stores nothing twice.
    #expect(try await hub.intake.accept(page, from: pad.key.publicKey.fingerprint) == 25)
    try await puller(pad, hub).pullOnce()
    #expect(try await hub.storedSeqs() == Array(1...40))
    #expect(try pad.writer.acknowledgedThrough() == 40)
    await pad.stop()
    await hub.stop()
  }

  @Test func pagesEndExactlyAtTheirBoundaries() async throws {
    let pad = try TestPad()
    try await pad.serve(maximumPage: 50)
    try pad.rate(99, batch: 33)  // with the boot-free ledger: seqs 1…99, plus nothing else
    let client = HubClient(base: pad.base, token: "hub-secret-0123456789")
    func page(_ query: String) async throws -> RecordPage {
      let answer = try await client.get("/v1/records?" + query)
      #expect(answer.status == 200)
      return try WireCoding.decoder().decode(RecordPage.self, from: Data(answer.body.utf8))
    }
    let first = try await page("after=0&limit=50")
    #expect(first.records.map(\.seq) == Array(1...50) && first.more && first.headSeq == 99)
    let second = try await page("after=50&limit=49")
    #expect(second.records.map(\.seq) == Array(51...99) && !second.more)
    let empty = try await page("after=99")
    #expect(empty.records.isEmpty && !empty.more)
    let beyond = try await page("after=1000")
    #expect(beyond.records.isEmpty && !beyond.more)
    for bad in ["limit=0", "limit=51", "after=-1", "after=x", "limit=9999999999999999999999"] {
      let answer = try await client.get("/v1/records?" + bad)
      #expect(answer.status == 400, "\(bad)")
      #expect(answer.body.contains("query parameter"), "\(bad): \(answer.body)")
    }
    // Acknowledgements: idempotent, never backwards, never past the head.
    #expect(try await client.post("/v1/acknowledgements", #"{"through":60}"#).body == #"{"through":60}"#)
    #expect(try await client.post("/v1/acknowledgements", #"{"through":10}"#).body == #"{"through":60}"#)
    let past = try await client.post("/v1/acknowledgements", #"{"through":100}"#)
    #expect(past.status == 422 && past.body.contains("beyond_head"))
    let missing = try await client.post("/v1/acknowledgements", #"{"thru":1}"#)
    #expect(missing.status == 400 && missing.body.contains("missing field 'through'"))
    await pad.stop()
  }

  @Test func aWrongTokenGets401AndLearnsNothing() async throws {
    let pad = try TestPad()
    try await pad.serve()
    try pad.rate(3)
    let client = HubClient(base: pad.base, token: "wrong-token-0123456789")
    for path in ["/v1/records?after=0", "/v1/device", "/v1/head", "/v1/health", "/metrics", "/v1/prompts/x"] {
      let answer = try await client.get(path)
      #expect(answer.status == 401, "\(path)")
      // Exactly the problem and nothing more: no record, no device detail.
      let fields = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: String]
      #expect(
        fields == ["error": "unauthorized", "message": "a valid hub bearer token is required"]
          || fields == [
            "error": "unauthorized", "message": "a valid counter-system bearer token is required",
          ],
        "\(path): \(answer.body)")
    }
    // The counter system's token opens no hub door, and the hub's opens no counter door.
    let counter = HubClient(base: pad.base, token: "counter-secret-0123456789")
    #expect(try await counter.get("/v1/records").status == 401)
    let hubAsCounter = HubClient(base: pad.base, token: "hub-secret-0123456789")
    #expect(try await hubAsCounter.post("/v1/prompts", "{}").status == 401)
    // The minimal health answer is open and says nothing else.
    #expect(try await client.get("/health").body == #"{"status":"ok"}"#)
    await pad.stop()
  }

  @Test func theSignedHeadVerifiesAndATamperedRecordIsFlagged() async throws {
    let pad = try TestPad()
    try await pad.serve()
    let hub = try TestHub()
    try await hub.start(enrolling: pad)
    try pad.rate(5)
    try await puller(pad, hub).pullOnce()
    let client = HubClient(base: pad.base, token: "hub-secret-0123456789")
    let wire = try WireCoding.decoder().decode(
      WireHead.self, from: Data(try await client.get("/v1/head").body.utf8))
    let head = HeadStatement(
      fingerprint: wire.device, seq: wire.seq, hash: Hex.decode(wire.hash)!,
      signedAtMilliseconds: wire.signedAtMilliseconds, signature: Array(Data(base64Encoded: wire.signature)!))
    #expect(head.seq == 5 && head.isValid(for: pad.key.publicKey))
    // A record altered on the way breaks the chain: refused, and the device is flagged.
    try pad.rate(2, startingAt: 5)
    var page = try WireCoding.decoder().decode(
      RecordPage.self, from: Data(try await client.get("/v1/records?after=5").body.utf8))
    page.records[0].level = "very_satisfied"
    page.records[0].transaction?.staffNumber = "S9"
    await #expect(throws: IntakeRefusal.self) {
      try await hub.intake.accept(page, from: pad.key.publicKey.fingerprint)
    }
    #expect(try await hub.store.device(pad.key.publicKey.fingerprint)?.problem?.contains("seq 6") == true)
    #expect(try await hub.storedSeqs() == Array(1...5))
    await pad.stop()
    await hub.stop()
  }
}
