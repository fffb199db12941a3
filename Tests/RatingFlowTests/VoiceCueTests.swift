import RatingModel
import Testing

@testable import RatingFlow

@Suite struct VoiceCues {
  let openedAt = FlowInstant(nanoseconds: 1_000_000_000)

  func prompting(_ id: String) -> FlowScreen {
    .prompting(Prompt(id: PromptID(id), source: .free, openedAt: openedAt), deadline: openedAt + .seconds(10))
  }

  func reasons(selected: [String]) -> FlowScreen {
    let prompt = Prompt(id: PromptID("p1"), source: .free, openedAt: openedAt)
    let rating = Rating(prompt: prompt, level: .dissatisfied, at: openedAt)
    return .reasons(
      rating, items: ReasonChecklist.standard.items(for: .dissatisfied), selected: selected,
      deadline: openedAt + .seconds(30))
  }

  @Test func aPromptOpeningSpeaksTheInvitationAlsoWhenItSupersedesAnother() {
    #expect(VoiceCue.on(from: .idle, to: prompting("p1")) == .prompt)
    #expect(VoiceCue.on(from: nil, to: prompting("p1")) == .prompt)
    #expect(VoiceCue.on(from: prompting("p1"), to: prompting("p2")) == .prompt)
  }

  @Test func theCountdownSpeaksNothing() {
    // The same prompt, a second later: the flow's screen is unchanged in kind and id.
    #expect(VoiceCue.on(from: prompting("p1"), to: prompting("p1")) == nil)
  }

  @Test func thanksAndTheReasonsListSpeakOnceTickingReasonsSpeaksNothing() {
    let thanks = FlowScreen.thanks(until: openedAt + .seconds(3))
    #expect(VoiceCue.on(from: prompting("p1"), to: thanks) == .thanks)
    #expect(VoiceCue.on(from: prompting("p1"), to: reasons(selected: [])) == .reasons)
    #expect(VoiceCue.on(from: reasons(selected: []), to: reasons(selected: ["214"])) == nil)
    #expect(VoiceCue.on(from: reasons(selected: ["214"]), to: thanks) == .thanks)
  }

  @Test func idleExpiredAndOutOfServiceSpeakNothing() {
    #expect(VoiceCue.on(from: prompting("p1"), to: .expired(until: openedAt)) == nil)
    #expect(VoiceCue.on(from: .thanks(until: openedAt), to: .idle) == nil)
    #expect(VoiceCue.on(from: .idle, to: .outOfService(fault: "E-LEDGER-WRITE")) == nil)
  }

  @Test func everyCueHasItsWordsInBothLanguages() {
    for cue in VoiceCue.allCases {
      #expect(!cue.text.text(in: .chinese).isEmpty && !cue.text.text(in: .english).isEmpty)
    }
    #expect(VoiceCue.prompt.text.text(in: .chinese) == "您好，请您对我的服务给予评价")
    #expect(VoiceCue.thanks.text.text(in: .chinese) == "谢谢您的评价")
  }
}
