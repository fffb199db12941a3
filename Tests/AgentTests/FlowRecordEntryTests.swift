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
        RatingReasons(prompt: prompt, level: .dissatisfied, codes: ["209", "213"], checklistVersion: "v3")),
      .reasons(
        RatingReasons(
          prompt: prompt, level: .veryDissatisfied, codes: [], checklistVersion: "national-2",
          closing: .timedOut)),
      .promptExpired(prompt),
      .promptSuperseded(prompt, by: PromptID("p2")),
      .promptNotShown(prompt, reason: "E-SCREEN-SHARE: vt7 did not let go"),
      .suspectPress(
        SuspectPress(reason: .burst, level: .veryDissatisfied, prompt: nil, at: FlowInstant(nanoseconds: 2))),
    ]
    try ledger.store.append(entries.map { LedgerEntry($0, channel: .kiosk) }, at: .now())
    let read = try ledger.store.allRecords().map(\.entry)
    #expect(
      read.map(\.kind) == [
        .reasons, .reasons, .promptExpired, .promptSuperseded, .promptNotShown, .suspectPress,
      ])
    #expect(
      read[0].reasons == ["209", "213"] && read[0].checklistVersion == "v3" && read[0].source == "kiosk")
    #expect(read[0].detail == nil, "submitted codes need no word on how the screen closed")
    // The screen closed with none given: an empty list, and how it closed.
    #expect(read[1].reasons == [] && read[1].level == .veryDissatisfied && read[1].promptID == "p1")
    #expect(read[1].checklistVersion == "national-2" && read[1].detail == "timed_out")
    #expect(read[3].detail == "superseded by p2")
    #expect(
      read[4].detail == "E-SCREEN-SHARE: vt7 did not let go" && read[4].promptID == "p1"
        && read[4].level == nil)
    #expect(read[5].suspectReason == .burst && read[5].promptID == nil && read[5].channel == .kiosk)
  }
}
