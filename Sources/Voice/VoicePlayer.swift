import Foundation

/// Plays clips on a thread of its own, so the event loop never waits for the sound card; a new
/// clip cuts off the one playing. The sound device is opened at start and, while it cannot be,
/// again for each clip (a speaker plugged in later is found).
///
/// Unchecked Sendable: its shared state is guarded by `condition`; the stream is touched only on
/// the player's thread.
public final class VoicePlayer: @unchecked Sendable {
  private let device: String
  private let condition = NSCondition()
  /// The clip asked for and not yet started (newest wins).
  private var pending: WAVClip?
  /// Bumped by every `play`: a clip playing under an older number stops.
  private var generation: UInt64 = 0
  private var stopping = false
  private var problemNow: VoiceError?
  /// Whether `report` has heard anything yet: the first opening is told too, not only changes.
  private var reportedOnce = false
  private var clipsPlayed = 0
  /// Told on the player's thread when the sound device opens or works again (nil) or fails (the
  /// error); each change once.
  private let report: @Sendable (VoiceError?) -> Void
  /// The stream; only the player's thread touches it.
  private var playback: ALSAPlayback?
  private var thread: Thread?

  /// A player on the ALSA PCM `device`; `report` hears of the device failing and recovering.
  public init(device: String = "default", report: @escaping @Sendable (VoiceError?) -> Void) {
    self.device = device
    self.report = report
  }

  /// Starts the player's thread, which opens the device at once.
  public func start() {
    let thread = Thread { [self] in run() }
    thread.name = "ratingpad-voice"
    self.thread = thread
    thread.start()
  }

  /// Plays `clip`, cutting off whatever plays now. Returns at once.
  public func play(_ clip: WAVClip) {
    condition.lock()
    pending = clip
    generation &+= 1
    condition.broadcast()
    condition.unlock()
  }

  /// Cuts off whatever plays now.
  public func silence() {
    condition.lock()
    pending = nil
    generation &+= 1
    condition.broadcast()
    condition.unlock()
  }

  /// Ends the player's thread after the current write.
  public func stop() {
    condition.lock()
    stopping = true
    generation &+= 1
    condition.broadcast()
    condition.unlock()
  }

  /// Why the pad cannot speak now (no sound card, a failed write), if so.
  public var problem: VoiceError? {
    condition.lock()
    defer { condition.unlock() }
    return problemNow
  }

  /// How many clips played to their end.
  public var played: Int {
    condition.lock()
    defer { condition.unlock() }
    return clipsPlayed
  }

  /// Waits until `count` clips have played to their end, or the device failed, or `timeout`
  /// passed; returns whether they had.
  public func awaitPlayed(_ count: Int, timeout: Duration) -> Bool {
    let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
    let deadline = Date(timeIntervalSinceNow: seconds)
    condition.lock()
    defer { condition.unlock() }
    while clipsPlayed < count && problemNow == nil && Date() < deadline {
      _ = condition.wait(until: deadline)
    }
    return clipsPlayed >= count
  }

  private func run() {
    openIfNeeded()
    while let request = next() { play(request.clip, request.number) }
    playback = nil
  }

  /// Waits for a clip; nil once stopped.
  private func next() -> (clip: WAVClip, number: UInt64)? {
    condition.lock()
    defer { condition.unlock() }
    while pending == nil && !stopping { condition.wait() }
    guard !stopping, let clip = pending else { return nil }
    pending = nil
    return (clip, generation)
  }

  private func isCurrent(_ number: UInt64) -> Bool {
    condition.lock()
    defer { condition.unlock() }
    return generation == number && !stopping
  }

  private func openIfNeeded() {
    guard playback == nil else { return }
    do {
      playback = try ALSAPlayback(device: device)
      note(nil)
    } catch {
      note(error)
    }
  }

  private func note(_ problem: VoiceError?) {
    condition.lock()
    let changed = problemNow != problem || !reportedOnce
    reportedOnce = true
    problemNow = problem
    condition.broadcast()
    condition.unlock()
    if changed { report(problem) }
  }

  private func play(_ clip: WAVClip, _ number: UInt64) {
    openIfNeeded()
    guard let playback else { return }
    do {
      try playback.configure(rate: clip.sampleRate, channels: clip.channels)
      // Writes of 20 ms: between two, a newer clip can cut in.
      let chunk = max(1, clip.sampleRate / 50)
      var frame = 0
      while frame < clip.frames {
        guard isCurrent(number) else {
          playback.stop()
          return
        }
        frame += try playback.write(
          clip.samples, from: frame, frames: min(chunk, clip.frames - frame), channels: clip.channels)
      }
      // The tail still in the card's buffer plays out unless a newer clip comes first.
      let tail = Double(playback.pendingFrames()) / Double(clip.sampleRate)
      condition.lock()
      let deadline = Date(timeIntervalSinceNow: tail)
      while generation == number && !stopping && Date() < deadline { _ = condition.wait(until: deadline) }
      let cut = generation != number || stopping
      if !cut { clipsPlayed += 1 }
      condition.broadcast()
      condition.unlock()
      if cut { playback.stop() } else { playback.finish() }
      note(nil)
    } catch {
      // The device may have gone (a USB speaker pulled): open it again for the next clip.
      self.playback = nil
      note(error)
    }
  }
}
