import ArgumentParser
import RatingFlow
import Screen

/// `ratingpad screenshot`: draws a screen into memory and writes it as PNG.
struct ScreenshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "screenshot", abstract: "Draw one of the pad's screens into a PNG file.")

  @Option(help: "One of: \(ScreenContent.sampleNames.joined(separator: ", ")).")
  var screen: String = "prompt"

  @Option(help: "The panel size, WIDTHxHEIGHT.")
  var size: String = "1280x800"

  @Option(help: "Panel rotation in degrees: 0, 90, 180 or 270.")
  var rotation: Int = 0

  @Option(help: "zh or en.")
  var language: String = "zh"

  @Option(help: "The PNG file to write.")
  var out: String

  func run() throws {
    let parts = size.split(separator: "x").compactMap { Int($0) }
    guard parts.count == 2, (100...8192).contains(parts[0]), (100...8192).contains(parts[1]) else {
      throw ValidationError(ScreenError.badSize(size).description)
    }
    guard let turn = Rotation(rawValue: rotation) else {
      throw ValidationError("--rotation \(rotation): expected 0, 90, 180 or 270")
    }
    guard let lang = Language(rawValue: language) else {
      throw ValidationError("--language \(language): expected zh or en")
    }
    let content: ScreenContent
    do { content = try ScreenContent.sample(named: screen) } catch {
      throw ValidationError(error.description)
    }
    let frame = MemoryFrame(width: parts[0], height: parts[1], rotation: turn)
    Painter(language: lang).paint(content, on: frame.canvas)
    try frame.canvas.writePNG(to: out)
  }
}
