import Foundation
import Hub
import HubLink
import Ledger
import SyncProtocol
import SyncTestSupport
import Testing

/// The pad pushes over real loopback HTTP to a hub that stores through the real intake.
@Suite struct PushTests {
  func pushClient(_ pad: TestPad, _ hub: TestHub, batch: Int = 100) throws -> PushClient {
    var settings = PushSettings(url: hub.pushURL, token: pad.hubToken)
    settings.batchSize = batch
    settings.backoff = Backoff(base: .milliseconds(20), cap: .milliseconds(100))
    settings.exchangeTimeout = .seconds(1)
    return try PushClient(
      settings: settings, ledger: pad.sync, status: pad.status, metrics: pad.metrics, logger: quietLogger)
  }

  func fixture() async throws -> (TestPad, TestHub) {
    let pad = try TestPad()
    let hub = try TestHub()
    try await hub.start(enrolling: pad)
    return (pad, hub)
  }

  func drained(_ pad: TestPad) throws -> Bool {
    try pad.writer.acknowledgedThrough() == pad.writer.head().seq
  }

  @Test func aBacklogDrainsAndANewRatingGoesOutAtOnce() async throws {
    let (pad, hub) = try await fixture()
    try pad.rate(250, batch: 50)
    let push = try pushClient(pad, hub)
    let running = Task { await push.run() }
    try await eventually("the backlog to drain") { try drained(pad) }
    // The link is up: one more rating and a nudge, and the hub has it without waiting for a timer
    // (the idle recheck is 30 s). The bound is loose on purpose, yet under 30 s: this suite runs
    // beside the 100,000-record drain; the VM scenarios time a tap to the hub on a quiet machine.
    try pad.rate(1, startingAt: 250)
    let nudged = ContinuousClock.now
    push.nudge()
    try await eventually(within: .seconds(20), "the new rating at the hub") {
      try await hub.storedSeqs().count == 251
    }
    print("a new rating reached the hub \(ContinuousClock.now - nudged) after the nudge (debug build)")
    #expect(try await hub.storedSeqs() == Array(1...251))
    // The hub may have stored the rating and answered too late for the 1 s exchange timeout (this
    // suite runs beside heavier ones): the retry's acknowledgement makes the link reachable again.
    try await eventually("the link counted as reachable") { pad.status.reachable }
    #expect(pad.status.lastSyncMilliseconds != nil)
    running.cancel()
    await running.value
    await hub.stop()
  }

  @Test(arguments: [TestHub.Mode.serverError, .garbage, .storeThenFail, .silent, .trickle])
  func aMisbehavingHubLosesAndDuplicatesNothing(mode: TestHub.Mode) async throws {
    let (pad, hub) = try await fixture()
    hub.mode.withLock { $0 = mode }
    try pad.rate(30, batch: 10)
    let push = try pushClient(pad, hub, batch: 10)
    let running = Task { await push.run() }
    try await eventually("two attempts against the faulty hub") { hub.requests.withLock { $0 } >= 2 }
    #expect(try pad.writer.acknowledgedThrough() == 0)
    #expect(!pad.status.reachable)
    hub.mode.withLock { $0 = .normal }
    try await eventually("the backlog to drain once the hub behaves") { try drained(pad) }
    #expect(try await hub.storedSeqs() == Array(1...30))
    let metrics = String(decoding: pad.metrics.registry.emitToBuffer(), as: UTF8.self)
    #expect(metrics.contains("ratingpad_sync_errors_total{kind="), "\(metrics)")
    running.cancel()
    await running.value
    await hub.stop()
  }

  @Test func aRefusedBatchIsKeptAsADeadLetterUntilSentAgain() async throws {
    let (pad, hub) = try await fixture()
    hub.mode.withLock { $0 = .refuse }
    try pad.rate(10)
    let push = try pushClient(pad, hub)
    let running = Task { await push.run() }
    try await eventually("the dead letter") { pad.status.deadLetters.count == 1 }
    #expect(pad.status.deadLetters.first?.seqs == 1...10)
    #expect(pad.status.deadLetters.first?.reason.contains("403") == true)
    // Nothing is acknowledged, nothing is deleted, and it is not retried in a loop.
    #expect(try pad.writer.acknowledgedThrough() == 0)
    #expect(try pad.writer.allRecords().count == 10)
    let requests = hub.requests.withLock { $0 }
    push.nudge()
    try await Task.sleep(for: .milliseconds(200))
    #expect(hub.requests.withLock { $0 } == requests)
    // The cause fixed at the hub, an operator has it sent again (`ratingpad resend`): no restart.
    hub.mode.withLock { $0 = .normal }
    #expect(pad.status.resendDeadLetters() == 1)
    try await eventually("the dead letter sent again") { try drained(pad) }
    #expect(try await hub.storedSeqs() == Array(1...10))
    #expect(pad.status.deadLetters.isEmpty)
    running.cancel()
    await running.value
    await hub.stop()
  }

  @Test func anAcknowledgementWithAnotherChainsHashMovesNothingAndTheRecordsGoAgain() async throws {
    let (pad, hub) = try await fixture()
    hub.mode.withLock { $0 = .acknowledgeAnotherChain }
    try pad.rate(10)
    let push = try pushClient(pad, hub)
    let running = Task { await push.run() }
    try await eventually("the acknowledgement refused twice") { hub.requests.withLock { $0 } >= 3 }
    #expect(try pad.writer.acknowledgedThrough() == 0)
    #expect(try pad.writer.allRecords().count == 10)
    // Right again, the hub gets them again and the cursor moves on its real acknowledgement.
    hub.mode.withLock { $0 = .normal }
    try await eventually("the backlog to drain") { try drained(pad) }
    #expect(try await hub.storedSeqs() == Array(1...10))
    running.cancel()
    await running.value
    await hub.stop()
  }

  @Test func aBareAcknowledgementPastWhatWasSentMovesTheCursorOnlyOverWhatWasSent() async throws {
    let (pad, hub) = try await fixture()
    hub.mode.withLock { $0 = .acknowledgeUnsent }
    try pad.rate(30, batch: 10)
    let push = try pushClient(pad, hub, batch: 10)
    let running = Task { await push.run() }
    try await eventually("the first batch answered") { try pad.writer.acknowledgedThrough() >= 10 }
    running.cancel()
    await running.value
    // An older hub's bare number is believed for what the exchange carried, never beyond it.
    let cursor = try pad.writer.acknowledgedThrough()
    #expect(cursor % 10 == 0, "the cursor stands at \(cursor), inside a batch")
    #expect(try pad.writer.allRecords().count == 30)
    await hub.stop()
  }

  @Test func aBatchThatOvertakesTheOneBeforeItIsSentAgainNotDeadLettered() async throws {
    let (pad, hub) = try await fixture()
    hub.mode.withLock { $0 = .overtaken }
    try pad.rate(30, batch: 10)
    let push = try pushClient(pad, hub, batch: 10)
    let running = Task { await push.run() }
    try await eventually("the backlog to drain") { try drained(pad) }
    // The second batch reached the hub first and was refused for the gap; it went again in order.
    #expect(hub.gapsRefused.withLock { $0 } == 1)
    #expect(pad.status.deadLetters.isEmpty)
    #expect(try await hub.storedSeqs() == Array(1...30))
    running.cancel()
    await running.value
    await hub.stop()
  }

  @Test func thePadRestartingMidPushSendsEverythingOnce() async throws {
    let (pad, hub) = try await fixture()
    try pad.rate(3000, batch: 500)
    let firstClient = try pushClient(pad, hub, batch: 100)
    let first = Task { await firstClient.run() }
    try await eventually("part of the backlog acknowledged") { try pad.writer.acknowledgedThrough() >= 500 }
    first.cancel()
    await first.value
    let cursor = try pad.writer.acknowledgedThrough()
    #expect(cursor < 3000)
    let secondClient = try pushClient(pad, hub, batch: 100)
    let second = Task { await secondClient.run() }
    try await eventually("the rest after the restart") { try drained(pad) }
    #expect(try await hub.storedSeqs() == Array(1...3000))
    second.cancel()
    await second.value
    await hub.stop()
  }

  @Test func aHundredThousandRecordBacklogDrains() async throws {
    let (pad, hub) = try await fixture()
    try pad.rate(100_000, batch: 2000)
    let started = ContinuousClock.now
    let push = try pushClient(pad, hub, batch: 1000)
    let running = Task { await push.run() }
    try await eventually(within: .seconds(600), "100,000 records at the hub") { try drained(pad) }
    print("100,000 records drained in \(ContinuousClock.now - started) (debug build)")
    #expect(try await hub.store.count() == 100_000)
    #expect(try await hub.store.device(pad.key.publicKey.fingerprint)?.lastSeq == 100_000)
    running.cancel()
    await running.value
    await hub.stop()
  }
}
