/// Why a press was flagged as suspect.
public enum SuspectReason: String, CaseIterable, Codable, Sendable {
  /// No prompt was open (and free rating is off).
  case noPrompt = "no_prompt"
  /// One of a burst of presses faster than a person rates.
  case burst
  /// Sooner after the prompt appeared than a person can read it.
  case tooSoon = "too_soon"
  /// A further press after this prompt was already rated (a double tap).
  case afterRating = "after_rating"
}
