import CALSA

/// One ALSA playback stream through libasound: the only holder of its `snd_pcm_t` pointer.
///
/// Blocking writes, meant for the voice's own thread: a write waits for room in the card's
/// buffer (about `latency`), never for the whole clip, so a newer clip can cut in between writes.
final class ALSAPlayback {
  private var pcm: OpaquePointer?
  /// The ALSA PCM name, e.g. `default` or `plughw:0,0`.
  let device: String
  /// The card's buffer, as asked of ALSA: how far ahead of the speaker writes may run.
  static let latencyMicroseconds: UInt32 = 100_000

  /// Opens `device` for playback.
  init(device: String) throws(VoiceError) {
    self.device = device
    var handle: OpaquePointer?
    let result = snd_pcm_open(&handle, device, SND_PCM_STREAM_PLAYBACK, 0)
    guard result >= 0, let handle else { throw Self.error("snd_pcm_open", device, result) }
    pcm = handle
  }

  deinit {
    if let pcm { snd_pcm_close(pcm) }
  }

  /// Sets the stream up for 16-bit interleaved samples at `rate` with `channels`; ALSA converts
  /// to what the card takes (its plug layer resamples). Leaves the stream ready to be written.
  func configure(rate: Int, channels: Int) throws(VoiceError) {
    let result = snd_pcm_set_params(
      pcm, SND_PCM_FORMAT_S16_LE, SND_PCM_ACCESS_RW_INTERLEAVED, UInt32(channels), UInt32(rate), 1,
      Self.latencyMicroseconds)
    guard result >= 0 else { throw Self.error("snd_pcm_set_params", device, Int32(result)) }
  }

  /// Writes up to `frames` frames of `samples` from frame `start`; returns how many were taken.
  /// An underrun is recovered from (the next write starts the stream again).
  func write(_ samples: [Int16], from start: Int, frames: Int, channels: Int) throws(VoiceError) -> Int {
    let written = samples.withUnsafeBufferPointer { buffer in
      snd_pcm_writei(pcm, buffer.baseAddress! + start * channels, snd_pcm_uframes_t(frames))
    }
    if written >= 0 { return Int(written) }
    let recovered = snd_pcm_recover(pcm, Int32(written), 1)
    guard recovered >= 0 else { throw Self.error("snd_pcm_writei", device, Int32(written)) }
    return 0
  }

  /// How many frames written are still to reach the speaker.
  func pendingFrames() -> Int {
    var delay: snd_pcm_sframes_t = 0
    guard snd_pcm_delay(pcm, &delay) >= 0 else { return 0 }
    return max(0, Int(delay))
  }

  /// Stops at once, throwing away what is still buffered (a newer clip cuts in).
  func stop() { snd_pcm_drop(pcm) }

  /// Lets what is buffered play out (it is short: the buffer is `latency` long).
  func finish() { snd_pcm_drain(pcm) }

  private static func error(_ call: String, _ device: String, _ code: Int32) -> VoiceError {
    .alsa(call: call, device: device, reason: String(cString: snd_strerror(code)))
  }
}
