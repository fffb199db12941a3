/// A configuration problem, naming the file, the line and the key, so nothing starts half-configured.
public struct ConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The configuration file.
  public let file: String
  /// The line the key is on, when it is in the file at all.
  public let line: Int?
  /// The dotted key, e.g. `device.area_code`.
  public let key: String
  /// What is wrong with it.
  public let problem: String

  /// Makes an error.
  public init(file: String, line: Int?, key: String, problem: String) {
    self.file = file
    self.line = line
    self.key = key
    self.problem = problem
  }

  public var description: String {
    let place = line.map { "\(file):\($0)" } ?? file
    return key.isEmpty ? "\(place): \(problem)" : "\(place): \(key): \(problem)"
  }
}
