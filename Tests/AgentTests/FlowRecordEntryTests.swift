import RatingModel
import RecordChain
import Testing

@testable import Agent
@testable import Ledger
@testable import RatingFlow

/// The flow's decisions become ledger entries that keep their meaning (`LedgerEntry+FlowRecord`).
@Suite struct FlowRecordsInTheLedger {
  @Test func flowRecordsKeepTheirMeaning() throws {
    let ledger = try PadControllerOnARealLedger.Pad()
    let transaction = try Transaction(number: "B-1", serviceItemCode: "X")
    let prompt = Prompt(
      id: PromptID("p1"), source: .kiosk(transaction), openedAt: FlowInstant(nanoseconds: 1))
    let entries: [FlowRecord] = [
      .reasons(
        RatingReasons(prompt: prompt, level: .dissatisfied, codes: ["fees", "trips"], checklistVersion: "v3")),
      .promptExpired(prompt),
      .promptSuperseded(prompt, by: PromptID("p2")),
      .suspectPress(
        SuspectPress(reason: .burst, level: .veryDissatisfied, prompt: nil, at: FlowInstant(nanoseconds: 2))),
    ]
    try ledger.store.append(entries.map { LedgerEntry($0, channel: .kiosk) }, at: .now())
    let read = try ledger.store.allRecords().map(\.entry)
    #expect(read.map(\.kind) == [.reasons, .promptExpired, .promptSuperseded, .suspectPress])
    #expect(
      read[0].reasons == ["fees", "trips"] && read[0].checklistVersion == "v3" && read[0].source == "kiosk")
    #expect(read[2].detail == "superseded by p2")
    #expect(read[3].suspectReason == .burst && read[3].promptID == nil && read[3].channel == .kiosk)
  }
}
