import ArgumentParser
import Foundation
import RatingFlow
import RatingModel
import Voice

/// `ratingpad voice`: the spoken prompts' words (for making the default files), a check of the
/// configured files, and a clip played on the speaker.
struct VoiceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "voice",
    abstract: "The spoken prompts: their words, a check of the files, a test on the speaker.",
    subcommands: [Text.self, Check.self, Play.self])

  /// `ratingpad voice text CUE`: what a cue says, for espeak-ng at build time.
  struct Text: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print what a cue says: \(VoiceCue.allCases.map(\.rawValue).joined(separator: ", ")).")

    @Argument(help: "The cue.") var cue: String
    @Option(help: "zh or en.") var language: String = "zh"

    func run() throws {
      guard let spoken = VoiceCue(rawValue: cue) else {
        throw ValidationError(
          "'\(cue)' is not a cue (expected \(VoiceCue.allCases.map(\.rawValue).joined(separator: ", ")))")
      }
      guard let lang = Language(rawValue: language) else {
        throw ValidationError("--language \(language): expected zh or en")
      }
      print(spoken.text.text(in: lang))
    }
  }

  /// `ratingpad voice check`: reads every configured file as the agent would.
  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read and check the configured WAV files; a bad one is named with what is wrong.")

    @OptionGroup var options: ConfigurationOption

    func run() throws {
      let settings = try options.load().voice
      var bad = 0
      for cue in VoiceCue.allCases {
        guard let path = settings.files[cue] else { continue }
        do {
          let clip = try WAVClip.load(path: path)
          let seconds =
            Double(clip.duration.components.attoseconds) / 1e18 + Double(clip.duration.components.seconds)
          print(
            "\(cue.rawValue): \(path): \(clip.sampleRate) Hz, \(clip.channels == 1 ? "mono" : "stereo"), "
              + String(format: "%.2f s", seconds))
        } catch {
          bad += 1
          print("\(cue.rawValue): \(error)")
        }
      }
      print(
        "voice \(settings.enabled ? "enabled" : "disabled"), volume \(settings.volume)%, device \(settings.device)"
      )
      if bad > 0 { throw ExitCode(1) }
    }
  }

  /// `ratingpad voice play CUE`: plays one cue's file on the configured device and waits for its end.
  struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Play one cue's file on the speaker.")

    @Argument(help: "The cue.") var cue: String
    @OptionGroup var options: ConfigurationOption

    func run() throws {
      let settings = try options.load().voice
      guard let spoken = VoiceCue(rawValue: cue), let path = settings.files[spoken] else {
        throw ValidationError("'\(cue)' is not a cue")
      }
      let clip: WAVClip
      do { clip = try WAVClip.load(path: path).scaled(to: settings.volume) } catch {
        throw ValidationError("\(error)")
      }
      let player = VoicePlayer(device: settings.device) { problem in
        if let problem { print("cannot play: \(problem)") }
      }
      player.start()
      player.play(clip)
      // The player counts a clip once it has played out; give up well after its length.
      let played = player.awaitPlayed(1, timeout: clip.duration + .seconds(5))
      player.stop()
      guard played else { throw ExitCode(1) }
      print("played \(path)")
    }
  }
}
