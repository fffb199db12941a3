import RatingFlow
import RatingModel

/// A scripted stand-in for a counter system and a citizen, for running the pad headless.
///
/// One step a line: `open NUMBER ITEM_CODE [staff=工号] [window=W] [department=D] [ITEM NAME…]`,
/// `open-free`, `wait MILLISECONDS`,
/// `tap LEVEL` (e.g. `tap very_satisfied`), `reason CODE`, `submit`, `skip`; `#` starts a comment.
public struct TapScript: Sendable, Equatable {
  /// One thing the script does.
  public enum Step: Sendable, Equatable {
    case open(Transaction)
    case openFree
    case wait(Duration)
    case tap(TapTarget)
  }

  /// The steps in order.
  public let steps: [Step]

  /// Parses a script; an error names the line and what was wrong with it.
  public init(text: String, file: String) throws(TapScriptError) {
    var steps: [Step] = []
    for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let words = raw.prefix { $0 != "#" }.split(separator: " ").map(String.init)
      guard let verb = words.first else { continue }
      func fail(_ problem: String) -> TapScriptError {
        TapScriptError(file: file, line: offset + 1, problem: problem)
      }
      switch (verb, words.count) {
      case ("open", 3...):
        // The counter system's other fields, as `name=value` words before the item's name.
        var fields: [String: String] = [:]
        var rest = words.dropFirst(3)
        while let word = rest.first, let equals = word.firstIndex(of: "="),
          ["staff", "window", "department"].contains(word[..<equals])
        {
          fields[String(word[..<equals])] = String(word[word.index(after: equals)...])
          rest = rest.dropFirst()
        }
        do {
          steps.append(
            .open(
              try Transaction(
                number: words[1], serviceItemCode: words[2], serviceItemName: rest.joined(separator: " "),
                staffNumber: fields["staff"] ?? "", window: fields["window"] ?? "",
                department: fields["department"] ?? "")))
        } catch { throw fail(error.description) }
      case ("open-free", 1): steps.append(.openFree)
      case ("wait", 2):
        guard let milliseconds = Int(words[1]), milliseconds >= 0 else {
          throw fail("'\(words[1])' is not milliseconds")
        }
        steps.append(.wait(.milliseconds(milliseconds)))
      case ("tap", 2):
        do { steps.append(.tap(.level(try SatisfactionLevel(stored: words[1])))) } catch {
          throw fail(error.description)
        }
      case ("reason", 2): steps.append(.tap(.reason(words[1])))
      case ("submit", 1): steps.append(.tap(.submitReasons))
      case ("skip", 1): steps.append(.tap(.skipReasons))
      default: throw fail("cannot read '\(words.joined(separator: " "))'")
      }
    }
    self.steps = steps
  }
}

/// A line of a tap script that could not be read.
public struct TapScriptError: Error, Equatable, CustomStringConvertible {
  /// The script file.
  public let file: String
  /// The line number.
  public let line: Int
  /// What was wrong.
  public let problem: String

  public var description: String { "\(file):\(line): \(problem)" }
}
