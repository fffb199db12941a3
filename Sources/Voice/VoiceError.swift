/// What went wrong with the voice: a file that cannot be played, or the sound card.
public enum VoiceError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A WAV file that cannot be played, and why.
  case badFile(path: String, reason: String)
  /// An ALSA call failed: the call, the device and libasound's words for the error.
  case alsa(call: String, device: String, reason: String)

  public var description: String {
    switch self {
    case .badFile(let path, let reason): "\(path): \(reason)"
    case .alsa(let call, let device, let reason): "sound device '\(device)': \(call): \(reason)"
    }
  }
}
