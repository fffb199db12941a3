import Foundation
import RatingModel
import RecordChain
import Testing

@testable import Agent
@testable import Ledger
@testable import RatingFlow

/// The pad's one rule, through a real ledger file: no thank-you before the rating is on disk.
@Suite struct PadControllerOnARealLedger {
  final class Pad {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pad-\(UUID().uuidString)")
      .path
    var store: LedgerStore
    let key: DeviceKey
    var screens: [FlowScreen] = []
    /// The kinds of the records on disk when each screen was shown.
    var onDiskWhenShown: [[LedgerKind]] = []
    var controller: PadController!

    init(maxPages: Int? = nil) throws {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      key = try DeviceKey.loadOrCreate(path: directory + "/device.key")
      store = try LedgerStore.open(path: directory + "/ledger.sqlite", deviceKey: key).store
      controller = PadController(
        flow: RatingFlow(),
        commit: { [unowned self] records in
          try self.store.append(records.map { LedgerEntry($0, channel: .windowPad) }, at: .now())
        },
        isRated: { [unowned self] key in (try? self.store.hasRating(for: key)) ?? true },
        show: { [unowned self] screen in
          self.screens.append(screen)
          self.onDiskWhenShown.append(((try? self.store.allRecords()) ?? []).map(\.entry.kind))
        },
        newPromptID: { PromptID(UUID().uuidString.lowercased()) })
    }

    func cap() throws {
      // Cap the file at its current size: the next records cannot fit.
      store = try LedgerStore.capForTesting(store, pages: Int(try store.checkpointedSize() / 4096))
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }
  }

  let t0 = FlowInstant(nanoseconds: 5_000_000_000)

  @Test func aRatingIsOnDiskBeforeTheThankYouIsShown() throws {
    let pad = try Pad()
    let transaction = try Transaction(number: "R-1", serviceItemCode: "1137")
    _ = try pad.controller.open(.counter(transaction), at: t0).get()
    pad.controller.tap(.level(.satisfied), at: t0 + .seconds(1))
    guard case .thanks = pad.screens.last else { Issue.record("no thank-you: \(pad.screens)"); return }
    let records = try pad.store.allRecords()
    #expect(records.last?.entry.kind == .rating)
    #expect(records.last?.entry.level == .satisfied)
    // The same transaction is refused from the ledger's memory, as after a restart.
    let fresh = PadController(
      flow: RatingFlow(), commit: { _ in }, isRated: { (try? pad.store.hasRating(for: $0)) ?? true },
      show: { _ in },
      newPromptID: { PromptID("x") })
    #expect(fresh.open(.counter(transaction), at: t0) == .failure(.alreadyRated(transaction.ratingKey)))
  }

  /// However the reasons screen closes without a reason, the pad records it (no codes, and how)
  /// and thanks the citizen only once that record is on disk.
  @Test(arguments: ["skip", "submit", "timeout"])
  func aReasonsScreenClosedWithNoneGivenIsOnDiskBeforeTheThanks(how: String) throws {
    let pad = try Pad()
    let transaction = try Transaction(number: "N-1", serviceItemCode: "1137")
    _ = try pad.controller.open(.counter(transaction), at: t0).get()
    pad.controller.tap(.level(.dissatisfied), at: t0 + .seconds(1))
    guard case .reasons = pad.screens.last else { Issue.record("no reasons: \(pad.screens)"); return }
    pad.controller.tap(.reason("213"), at: t0 + .seconds(2))
    pad.controller.tap(.reason("213"), at: t0 + .seconds(3))
    switch how {
    case "skip": pad.controller.tap(.skipReasons, at: t0 + .seconds(4))
    case "submit": pad.controller.tap(.submitReasons, at: t0 + .seconds(4))
    default: pad.controller.advance(to: t0 + .seconds(33))
    }
    guard case .thanks = pad.screens.last else { Issue.record("no thank-you: \(pad.screens)"); return }
    #expect(
      pad.onDiskWhenShown.last == [.rating, .reasons], "the thank-you came before the record was on disk")
    let reasons = try #require(try pad.store.allRecords().last?.entry)
    #expect(reasons.kind == .reasons && reasons.reasons == [] && reasons.level == .dissatisfied)
    #expect(reasons.checklistVersion == "national-2" && reasons.transaction?.number == "N-1")
    #expect(reasons.detail == ["skip": "skipped", "submit": "submitted", "timeout": "timed_out"][how])
  }

  @Test func aNewPromptOverTheReasonsScreenRecordsNoneGiven() throws {
    let pad = try Pad()
    _ = try pad.controller.open(.counter(try Transaction(number: "S-1", serviceItemCode: "1137")), at: t0)
      .get()
    pad.controller.tap(.level(.veryDissatisfied), at: t0 + .seconds(1))
    let next = try pad.controller.open(
      .counter(try Transaction(number: "S-2", serviceItemCode: "1137")), at: t0 + .seconds(2)
    ).get()
    guard case .prompting(let shown, _) = pad.screens.last, shown == next else {
      Issue.record("the new prompt is not shown: \(pad.screens)"); return
    }
    let entries = try pad.store.allRecords().map(\.entry)
    #expect(entries.map(\.kind) == [.rating, .reasons])
    #expect(
      entries[1].reasons == [] && entries[1].detail == "superseded" && entries[1].transaction?.number == "S-1"
    )
  }

  @Test func aFullDiskShowsOutOfServiceInsteadOfThanks() throws {
    let pad = try Pad()
    _ = try pad.controller.open(.counter(try Transaction(number: "F-1", serviceItemCode: "1137")), at: t0)
      .get()
    let before = try pad.store.allRecords().count
    try pad.cap()
    var refusedAt: Int?
    for index in 0..<200 {
      pad.controller.tap(.level(.veryDissatisfied), at: t0 + .seconds(1) + .milliseconds(index * 2000))
      if case .outOfService = pad.controller.flow.screen {
        refusedAt = index
        break
      }
      pad.controller.advance(to: t0 + .seconds(60) + .milliseconds(index * 2000))
      _ = pad.controller.open(
        .counter(try Transaction(number: "F-\(index + 2)", serviceItemCode: "1137")),
        at: t0 + .seconds(61) + .milliseconds(index * 2000))
    }
    #expect(refusedAt != nil)
    guard case .outOfService(let fault) = pad.screens.last else { Issue.record("no fault shown"); return }
    #expect(fault.contains("E-LEDGER-WRITE") && fault.contains("full"))
    // Nothing accepted before the disk filled is lost, and the chain still verifies.
    #expect(try pad.store.allRecords().count >= before)
    #expect(try pad.store.verify(publicKey: pad.key.publicKey).isIntact)
    // Prompts are refused while out of service.
    let refused = pad.controller.open(
      .counter(try Transaction(number: "F-X", serviceItemCode: "1137")), at: t0 + .seconds(999))
    guard case .failure(.outOfService) = refused else {
      Issue.record("a prompt opened while out of service"); return
    }
  }
}
