import Foundation
import Testing

@testable import Voice

/// The player through the real libasound: its `null` PCM (alsa-lib's own configuration) takes the
/// samples as a card would (though not at a card's pace); a device that does not exist is a clear error.
@Suite(.serialized) struct PlayingThroughALSA {
  /// A tone of `milliseconds` at 8 kHz.
  func tone(milliseconds: Int) -> WAVClip {
    let count = 8 * milliseconds
    return WAVClip(
      sampleRate: 8000, channels: 1,
      samples: (0..<count).map { Int16(8000 * sin(Double($0) * 2 * .pi * 440 / 8000)) }, source: "tone")
  }

  @Test func aClipPlaysToItsEndWithoutBlockingTheCaller() {
    let player = VoicePlayer(device: "null") { _ in }
    player.start()
    defer { player.stop() }
    let clock = ContinuousClock()
    let start = clock.now
    player.play(tone(milliseconds: 300))
    #expect(clock.now - start < .milliseconds(50), "play returns at once")
    #expect(player.awaitPlayed(1, timeout: .seconds(10)))
    #expect(player.problem == nil)
    player.play(tone(milliseconds: 100))
    #expect(player.awaitPlayed(2, timeout: .seconds(10)), "the stream is set up again for the next clip")
  }

  @Test func noSuchDeviceIsAFaultNamingItNotACrash() {
    let reported = Reports()
    let player = VoicePlayer(device: "hw:NoSuchCard") { reported.add($0) }
    player.start()
    defer { player.stop() }
    player.play(tone(milliseconds: 50))
    #expect(!player.awaitPlayed(1, timeout: .seconds(10)))
    guard case .alsa(let call, let device, _)? = player.problem else {
      Issue.record("no ALSA error: \(String(describing: player.problem))")
      return
    }
    #expect(call == "snd_pcm_open")
    #expect(device == "hw:NoSuchCard")
    // The player sets its problem (waking awaitPlayed) before it calls the report.
    reported.awaitReports(1)
    #expect(reported.all.count == 1, "reported once, not once per clip")
  }
}

/// What the player reported, in order; a test waits for a report rather than racing it.
final class Reports: @unchecked Sendable {
  private let condition = NSCondition()
  private var list: [VoiceError?] = []

  func add(_ report: VoiceError?) {
    condition.withLock {
      list.append(report)
      condition.broadcast()
    }
  }

  var all: [VoiceError?] { condition.withLock { list } }

  /// Waits until at least `count` reports came, or `timeout` passed.
  func awaitReports(_ count: Int, timeout: TimeInterval = 10) {
    let deadline = Date(timeIntervalSinceNow: timeout)
    condition.withLock {
      while list.count < count && condition.wait(until: deadline) {}
    }
  }
}
