import Foundation

/// A sound read from a WAV file: 16-bit PCM samples, interleaved, ready for the sound card.
///
/// The reader is strict where a mistake would play noise (anything but PCM, odd sample sizes, a
/// data chunk longer than the file) and says which file and what is wrong; it skips chunks it
/// does not need (LIST, fact, cue). 8-bit PCM is widened to 16 bits.
public struct WAVClip: Sendable, Equatable {
  /// Frames per second.
  public let sampleRate: Int
  /// 1 (mono) or 2 (stereo).
  public let channels: Int
  /// The samples, interleaved by channel.
  public let samples: [Int16]
  /// Where the clip came from, for messages.
  public let source: String

  /// How many frames (one sample per channel) the clip holds.
  public var frames: Int { samples.count / channels }

  /// How long the clip plays.
  public var duration: Duration { .nanoseconds(Int64(frames) * 1_000_000_000 / Int64(sampleRate)) }

  /// A clip made in memory (tests, tones).
  public init(sampleRate: Int, channels: Int, samples: [Int16], source: String) {
    self.sampleRate = sampleRate
    self.channels = channels
    self.samples = samples
    self.source = source
  }

  /// Reads and checks the WAV file at `path`.
  public static func load(path: String) throws(VoiceError) -> WAVClip {
    guard let data = FileManager.default.contents(atPath: path) else {
      let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "does not exist"
      throw VoiceError.badFile(path: path, reason: reason)
    }
    return try parse([UInt8](data), source: path)
  }

  /// Reads a WAV file's bytes; `source` names it in errors.
  public static func parse(_ bytes: [UInt8], source: String) throws(VoiceError) -> WAVClip {
    func bad(_ reason: String) -> VoiceError { .badFile(path: source, reason: reason) }
    func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
    func tag(_ at: Int) -> String { String(decoding: bytes[at..<at + 4], as: UTF8.self) }

    guard bytes.count >= 12, tag(0) == "RIFF", tag(8) == "WAVE" else {
      throw bad("not a WAV file (no RIFF/WAVE header)")
    }
    var format: (tag: Int, channels: Int, rate: Int, bits: Int, blockAlign: Int)?
    var data: Range<Int>?
    var offset = 12
    while offset + 8 <= bytes.count, data == nil || format == nil {
      let id = tag(offset)
      let size = u32(offset + 4)
      let body = offset + 8
      switch id {
      case "fmt ":
        guard size >= 16, body + 16 <= bytes.count else { throw bad("its fmt chunk is cut short") }
        var formatTag = u16(body)
        // WAVE_FORMAT_EXTENSIBLE: the real format is the first two bytes of the sub-format GUID.
        if formatTag == 0xFFFE {
          guard size >= 40, body + 40 <= bytes.count else {
            throw bad("its extensible fmt chunk is cut short")
          }
          formatTag = u16(body + 24)
        }
        format = (formatTag, u16(body + 2), u32(body + 4), u16(body + 14), u16(body + 12))
      case "data":
        guard format != nil else { throw bad("its data chunk comes before the fmt chunk") }
        guard body + size <= bytes.count else {
          throw bad(
            "its data chunk claims \(size) bytes but only \(bytes.count - body) follow (a cut-off file?)")
        }
        data = body..<body + size
      default:
        break
      }
      // Chunks are padded to an even length.
      offset = body + size + (size & 1)
    }
    guard let format else { throw bad("it has no fmt chunk") }
    guard let data else { throw bad("it has no data chunk") }
    guard format.tag == 1 else {
      throw bad("its samples are not PCM (format \(format.tag)); save it as 16-bit PCM")
    }
    guard format.channels == 1 || format.channels == 2 else {
      throw bad("it has \(format.channels) channels; only mono or stereo is played")
    }
    guard (8000...96000).contains(format.rate) else {
      throw bad("its sample rate \(format.rate) Hz is outside 8000…96000 Hz")
    }
    guard format.bits == 16 || format.bits == 8 else {
      throw bad("its samples are \(format.bits)-bit; only 16-bit (or 8-bit) PCM is played")
    }
    let bytesPerFrame = format.channels * format.bits / 8
    guard format.blockAlign == bytesPerFrame else {
      throw bad(
        "its block size \(format.blockAlign) does not match \(format.channels) channels of \(format.bits) bits"
      )
    }
    guard data.count >= bytesPerFrame else { throw bad("it holds no sound (an empty data chunk)") }
    let count = data.count / (format.bits / 8) / format.channels * format.channels
    var samples = [Int16](repeating: 0, count: count)
    if format.bits == 16 {
      for index in 0..<count {
        samples[index] = Int16(bitPattern: UInt16(u16(data.lowerBound + 2 * index)))
      }
    } else {
      // 8-bit WAV samples are unsigned, centred on 128.
      for index in 0..<count { samples[index] = (Int16(bytes[data.lowerBound + index]) - 128) << 8 }
    }
    return WAVClip(sampleRate: format.rate, channels: format.channels, samples: samples, source: source)
  }

  /// The clip at `percent` of its loudness (0…100).
  public func scaled(to percent: Int) -> WAVClip {
    let factor = Int32(max(0, min(100, percent)))
    guard factor != 100 else { return self }
    return WAVClip(
      sampleRate: sampleRate, channels: channels,
      samples: samples.map { Int16(Int32($0) * factor / 100) }, source: source)
  }

  /// The root mean square of the samples, 0…32767: how loud the clip is.
  public var rms: Double {
    guard !samples.isEmpty else { return 0 }
    let sum = samples.reduce(0.0) { $0 + Double($1) * Double($1) }
    return (sum / Double(samples.count)).squareRoot()
  }
}
