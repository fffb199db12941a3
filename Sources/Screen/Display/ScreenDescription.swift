import RatingFlow
import RatingModel

/// A one-line description of a flow screen, for the headless log.
enum ScreenDescription {
  static func of(_ screen: FlowScreen) -> String {
    switch screen {
    case .idle: "idle"
    case .prompting(let prompt, _):
      "prompt \(prompt.id) — \(prompt.source.transaction?.serviceItemName ?? "free rating"): \(Texts.pleaseRate.chinese)"
    case .reasons(let rating, _, let selected, _):
      "reasons after \(rating.level.label.chinese) — selected: \(selected.joined(separator: ","))"
    case .thanks: Texts.thankYou.chinese
    case .expired: Texts.promptExpired.chinese
    case .outOfService(let fault): "\(Texts.outOfService.chinese): \(fault)"
    }
  }
}
