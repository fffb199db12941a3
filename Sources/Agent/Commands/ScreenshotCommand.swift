import ArgumentParser
import PhotoDecoding
import RatingModel
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

  @Option(help: "The file to write: PNG, or PPM when it ends in .ppm (as qemu's screendump).")
  var out: String

  @Flag(help: "Also print where each tap target is: TARGET X Y WIDTH HEIGHT in logical pixels.")
  var printTargets = false

  // The idle card as the counter system signed a clerk in (Tests/vm compares the pad with it).
  @Option(help: "The idle screens: the clerk's name.") var clerkName: String?
  @Option(help: "The idle screens: the clerk's 工号.") var staffNumber: String?
  @Option(help: "The idle screens: the clerk's photo, a JPEG or PNG file.") var photo: String?

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
    var content: ScreenContent
    do { content = try ScreenContent.sample(named: screen) } catch {
      throw ValidationError(error.description)
    }
    if case .idle(var card) = content {
      card.clerkName = clerkName ?? card.clerkName
      card.staffNumber = staffNumber ?? card.staffNumber
      if let photo {
        do { card.photo = try PhotoDecoder().decode(file: photo) } catch {
          throw ValidationError("--photo: \(error)")
        }
      }
      content = .idle(card)
    }
    let frame = MemoryFrame(width: parts[0], height: parts[1], rotation: turn)
    Painter(language: lang).paint(content, on: frame.canvas)
    if out.hasSuffix(".ppm") { try frame.writePPM(to: out) } else { try frame.canvas.writePNG(to: out) }
    if printTargets {
      let layout = ScreenLayout(width: frame.canvas.width, height: frame.canvas.height)
      for (level, rect) in layout.levelButtons {
        print(level.rawValue, Int(rect.x), Int(rect.y), Int(rect.width), Int(rect.height))
      }
      print(
        "subtitle", Int(layout.subtitle.x), Int(layout.subtitle.y), Int(layout.subtitle.width),
        Int(layout.subtitle.height))
    }
  }
}
