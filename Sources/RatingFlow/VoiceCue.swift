import RatingModel

/// What the pad says aloud, and when: the prompt as it opens, thanks once the rating is on disk,
/// and the reasons request as the checklist appears. Ticking reasons, the countdown and the
/// other screens say nothing.
public enum VoiceCue: String, Sendable, CaseIterable {
  /// 您好，请您对我的服务给予评价.
  case prompt
  /// 谢谢您的评价.
  case thanks
  /// 请选择不满意的原因.
  case reasons

  /// What is spoken, Chinese first and English second.
  public var text: LocalizedText {
    switch self {
    case .prompt: Texts.voicePrompt
    case .thanks: Texts.voiceThanks
    case .reasons: Texts.voiceReasons
    }
  }

  /// The cue for the flow moving from `previous` to `next`, if that move speaks: a prompt opening
  /// (also one superseding another), the thank-you screen, the reasons checklist appearing.
  public static func on(from previous: FlowScreen?, to next: FlowScreen) -> VoiceCue? {
    switch (previous, next) {
    case (.prompting(let old, _)?, .prompting(let new, _)): old.id == new.id ? nil : .prompt
    case (_, .prompting): .prompt
    case (.thanks?, .thanks): nil
    case (_, .thanks): .thanks
    case (.reasons?, .reasons): nil
    case (_, .reasons): .reasons
    default: nil
    }
  }
}
