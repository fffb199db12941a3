import Logging
import RatingFlow
import RatingModel
import Voice

/// The pad's voice: the configured prompts read and checked at start, and the cue of each screen
/// change played on the voice's own thread. Nothing here can stop the pad: a file that cannot be
/// played leaves its cue silent, a missing sound card leaves all of them silent, each a logged
/// fault (`E-VOICE`) that the health report shows.
final class PadVoice {
  private let player: VoicePlayer
  private let clips: [VoiceCue: WAVClip]
  /// The files that could not be read, with why.
  private let fileFaults: [String]
  private var last: FlowScreen?

  /// Reads the files of `settings` and starts the player; `logger` hears of every fault.
  init(settings: VoiceSettings, logger: Logger) {
    var clips: [VoiceCue: WAVClip] = [:]
    var faults: [String] = []
    for cue in VoiceCue.allCases {
      guard let path = settings.files[cue] else { continue }
      do {
        clips[cue] = try WAVClip.load(path: path).scaled(to: settings.volume)
      } catch {
        faults.append("\(error)")
        logger.error("\(FaultCode.voice("the \(cue.rawValue) prompt cannot be played: \(error)").logLine)")
      }
    }
    self.clips = clips
    fileFaults = faults
    player = VoicePlayer(device: settings.device) { [logger] problem in
      if let problem {
        logger.error("\(FaultCode.voice("\(problem)").logLine); the pad rates on without sound")
      } else {
        logger.info("voice: sound device \(settings.device) open")
      }
    }
    player.start()
  }

  deinit { player.stop() }

  /// The flow shows `screen` now: says its cue, if it has one, cutting off what plays.
  func show(_ screen: FlowScreen) {
    defer { last = screen }
    guard let cue = VoiceCue.on(from: last, to: screen) else { return }
    if let clip = clips[cue] { player.play(clip) } else { player.silence() }
  }

  /// The voice's fault now, if any: the sound device first, else a file that cannot be played.
  var fault: FaultCode? {
    if let problem = player.problem { return .voice("\(problem)") }
    return fileFaults.first.map { .voice($0) }
  }
}
