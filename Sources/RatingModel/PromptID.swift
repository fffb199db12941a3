/// The id of a prompt: a UUID string, made by whoever opens the prompt.
public struct PromptID: Sendable, Hashable, Codable, CustomStringConvertible {
  /// The UUID in its canonical text form.
  public let value: String

  /// Wraps an id.
  public init(_ value: String) { self.value = value }

  public var description: String { value }
}
