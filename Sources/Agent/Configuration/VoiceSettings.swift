import ConfigurationFile
import RatingFlow
import RatingModel

/// `[voice]`: whether the pad speaks, how loud, through which ALSA device, and the WAV file for
/// each cue (installers may put recorded ones in place of the generated defaults).
public struct VoiceSettings: Sendable, Hashable {
  /// Where the package puts the default prompts, made by espeak-ng's Mandarin voice at build time.
  public static let defaultDirectory = "/usr/share/ratingpad/voice"

  /// Whether the pad speaks at all.
  public var enabled = false
  /// Loudness in percent of the files' own (0…100).
  public var volume = 100
  /// The ALSA PCM to play on.
  public var device = "default"
  /// The WAV file for each cue.
  public var files: [VoiceCue: String] = Dictionary(
    uniqueKeysWithValues: VoiceCue.allCases.map { ($0, "\(defaultDirectory)/\($0.rawValue).wav") })

  /// The defaults: silent, full volume, the packaged files.
  public init() {}

  /// Reads `[voice]`.
  static func read(_ section: TOMLSection) throws(ConfigurationError) -> VoiceSettings {
    try section.rejectUnknownKeys(
      allowed: Set(["enabled", "volume", "device"] + VoiceCue.allCases.map(\.rawValue)))
    var settings = VoiceSettings()
    settings.enabled = try section.bool("enabled") ?? settings.enabled
    settings.volume = try section.int("volume", in: 0...100) ?? settings.volume
    if let device = try section.string("device") {
      guard !device.isEmpty else {
        throw section.error("device", "is empty; leave it out for ALSA's default")
      }
      settings.device = device
    }
    for cue in VoiceCue.allCases {
      guard let path = try section.string(cue.rawValue) else { continue }
      guard path.hasPrefix("/") else {
        throw section.error(cue.rawValue, "'\(path)' is not an absolute path")
      }
      settings.files[cue] = path
    }
    return settings
  }
}
