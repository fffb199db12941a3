import Foundation
import Testing

@testable import Voice

/// A WAV file's bytes: RIFF header, a fmt chunk (PCM unless `format` says otherwise), any extra
/// chunks, and the data chunk (its size field may lie through `claimedDataSize`).
func wav(
  rate: Int = 22050, channels: Int = 1, bits: Int = 16, format: Int = 1, data: [UInt8],
  extraChunks: [(String, [UInt8])] = [], claimedDataSize: Int? = nil, fmtFirst: Bool = true
) -> [UInt8] {
  func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8 & 0xff)] }
  func le32(_ v: Int) -> [UInt8] { le16(v & 0xffff) + le16(v >> 16 & 0xffff) }
  func chunk(_ id: String, _ body: [UInt8], size: Int? = nil) -> [UInt8] {
    Array(id.utf8) + le32(size ?? body.count) + body + (body.count % 2 == 1 ? [0] : [])
  }
  let align = channels * bits / 8
  let fmt = chunk(
    "fmt ", le16(format) + le16(channels) + le32(rate) + le32(rate * align) + le16(align) + le16(bits))
  let extras = extraChunks.flatMap { chunk($0.0, $0.1) }
  let dataChunk = chunk("data", data, size: claimedDataSize)
  let body = Array("WAVE".utf8) + (fmtFirst ? fmt + extras + dataChunk : extras + dataChunk + fmt)
  return Array("RIFF".utf8) + le32(body.count) + body
}

func samples16(_ values: [Int16]) -> [UInt8] {
  values.flatMap { [UInt8(UInt16(bitPattern: $0) & 0xff), UInt8(UInt16(bitPattern: $0) >> 8)] }
}

@Suite struct ReadingWAVFiles {
  @Test func aMono16BitFileReadsItsSamplesAndFormat() throws {
    let clip = try WAVClip.parse(wav(data: samples16([0, 1000, -1000, 32767, -32768])), source: "p.wav")
    #expect(clip.sampleRate == 22050)
    #expect(clip.channels == 1)
    #expect(clip.samples == [0, 1000, -1000, 32767, -32768])
    #expect(clip.frames == 5)
  }

  @Test func stereoKeepsItsFramesInterleaved() throws {
    let clip = try WAVClip.parse(
      wav(rate: 48000, channels: 2, data: samples16([1, -1, 2, -2])), source: "s.wav")
    #expect(clip.channels == 2)
    #expect(clip.frames == 2)
    #expect(clip.samples == [1, -1, 2, -2])
  }

  @Test func chunksItDoesNotNeedAreSkippedEvenOddSizedOnes() throws {
    let clip = try WAVClip.parse(
      wav(
        data: samples16([7, 8]), extraChunks: [("LIST", Array("INFOISFT3abc".utf8)), ("fact", [1, 2, 3])]),
      source: "x.wav")
    #expect(clip.samples == [7, 8])
  }

  @Test func eightBitSamplesAreWidened() throws {
    let clip = try WAVClip.parse(wav(bits: 8, data: [128, 255, 0]), source: "8.wav")
    #expect(clip.samples == [0, 127 << 8, -128 << 8])
  }

  @Test func extensiblePCMIsPCM() throws {
    // WAVE_FORMAT_EXTENSIBLE: cbSize 22, valid bits, channel mask, then the PCM sub-format GUID.
    func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8)] }
    let fmtBody: [UInt8] =
      le16(0xFFFE) + le16(1) + [0x22, 0x56, 0, 0] + [0x44, 0xAC, 0, 0] + le16(2) + le16(16) + le16(22)
      + le16(16)
      + [4, 0, 0, 0] + le16(1) + [0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71]
    let data = samples16([5, 6])
    let body =
      Array("WAVE".utf8) + Array("fmt ".utf8) + [40, 0, 0, 0] + fmtBody + Array("data".utf8) + [4, 0, 0, 0]
      + data
    let bytes = Array("RIFF".utf8) + [UInt8(body.count), 0, 0, 0] + body
    let clip = try WAVClip.parse(bytes, source: "ext.wav")
    #expect(clip.samples == [5, 6])
  }

  @Test(arguments: [Array("RIFX....WAVE".utf8), Array("RIFF....AVI LIST".utf8), Array("RIFF".utf8)])
  func somethingElseIsNamedForWhatItIsNot(bytes: [UInt8]) {
    #expect(
      throws: VoiceError.badFile(
        path: "/etc/ratingpad/prompt.wav", reason: "not a WAV file (no RIFF/WAVE header)")
    ) {
      try WAVClip.parse(bytes, source: "/etc/ratingpad/prompt.wav")
    }
  }

  func reason(_ bytes: [UInt8]) -> String? {
    do {
      _ = try WAVClip.parse(bytes, source: "/etc/ratingpad/thanks.wav")
      return nil
    } catch {
      #expect("\(error)".hasPrefix("/etc/ratingpad/thanks.wav: "), "the error names the file")
      if case .badFile(_, let reason) = error { return reason }
      return "\(error)"
    }
  }

  @Test func badFilesSayWhatIsWrong() {
    #expect(
      reason(wav(format: 3, data: samples16([1, 2])))
        == "its samples are not PCM (format 3); save it as 16-bit PCM")
    #expect(
      reason(wav(bits: 24, data: [0, 0, 0])) == "its samples are 24-bit; only 16-bit (or 8-bit) PCM is played"
    )
    #expect(
      reason(wav(channels: 6, data: samples16([0, 0, 0, 0, 0, 0])))
        == "it has 6 channels; only mono or stereo is played")
    #expect(
      reason(wav(rate: 4000, data: samples16([1]))) == "its sample rate 4000 Hz is outside 8000…96000 Hz")
    #expect(reason(wav(data: [])) == "it holds no sound (an empty data chunk)")
    #expect(
      reason(wav(data: samples16([1, 2]), claimedDataSize: 4000))
        == "its data chunk claims 4000 bytes but only 4 follow (a cut-off file?)")
    #expect(reason(wav(data: samples16([1]), fmtFirst: false)) == "its data chunk comes before the fmt chunk")
    let noData = Array(wav(data: samples16([1])).prefix(36))
    #expect(reason(noData) == "it has no data chunk")
  }

  @Test func aMissingFileIsNamed() {
    #expect(throws: VoiceError.badFile(path: "/nonexistent/prompt.wav", reason: "does not exist")) {
      try WAVClip.load(path: "/nonexistent/prompt.wav")
    }
  }

  @Test func aFileOnDiskReadsAsItsBytes() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("voice-\(UUID()).wav").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    FileManager.default.createFile(atPath: path, contents: Data(wav(data: samples16([3, -3]))))
    #expect(try WAVClip.load(path: path).samples == [3, -3])
  }

  @Test func volumeScalesTheSamples() {
    let clip = WAVClip(sampleRate: 8000, channels: 1, samples: [1000, -2000], source: "t")
    #expect(clip.scaled(to: 50).samples == [500, -1000])
    #expect(clip.scaled(to: 0).samples == [0, 0])
    #expect(clip.scaled(to: 100) == clip)
    #expect(abs(WAVClip(sampleRate: 8000, channels: 1, samples: [100, -100], source: "t").rms - 100) < 0.001)
  }
}
