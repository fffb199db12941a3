/// A user-visible string in both languages the pad speaks, Chinese first.
public struct LocalizedText: Sendable, Hashable {
  /// The Chinese text, shown by default.
  public let chinese: String
  /// The English text, shown when English is selected.
  public let english: String

  /// Makes a text from its Chinese and English forms.
  public init(_ chinese: String, _ english: String) {
    self.chinese = chinese
    self.english = english
  }

  /// The text in `language`.
  public func text(in language: Language) -> String {
    switch language {
    case .chinese: chinese
    case .english: english
    }
  }
}

/// The language the pad shows.
public enum Language: String, CaseIterable, Codable, Sendable {
  case chinese = "zh"
  case english = "en"
}
