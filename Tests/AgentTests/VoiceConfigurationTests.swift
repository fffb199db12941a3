import ConfigurationFile
import Foundation
import Logging
import RatingModel
import Testing

@testable import Agent

@Suite struct VoiceConfiguration {
  let base = "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\n"

  @Test func theShippedExampleDocumentsTheDefaults() throws {
    let voice = try ConfigurationLoader.load(path: exampleConfigurationPath).voice
    #expect(voice == VoiceSettings())
    #expect(voice.files[.prompt] == "/usr/share/ratingpad/voice/prompt.wav")
  }

  @Test func everyKeyIsRead() throws {
    let voice = try ConfigurationLoader.parse(
      base
        + "[voice]\nenabled = true\nvolume = 60\ndevice = \"plughw:0,0\"\nthanks = \"/etc/ratingpad/thanks.wav\"\n",
      file: "t.toml"
    ).voice
    #expect(voice.enabled && voice.volume == 60 && voice.device == "plughw:0,0")
    #expect(voice.files[.thanks] == "/etc/ratingpad/thanks.wav")
    #expect(voice.files[.prompt] == "/usr/share/ratingpad/voice/prompt.wav", "the others keep their defaults")
  }

  @Test func mistakesAreNamedByFileLineAndKey() {
    #expect(
      throws: ConfigurationError(
        file: "t.toml", line: 7, key: "voice.volume", problem: "150 is out of range (0…100)")
    ) {
      try ConfigurationLoader.parse(base + "[voice]\nvolume = 150\n", file: "t.toml")
    }
    #expect(
      throws: ConfigurationError(
        file: "t.toml", line: 7, key: "voice.prompt", problem: "'prompt.wav' is not an absolute path")
    ) {
      try ConfigurationLoader.parse(base + "[voice]\nprompt = \"prompt.wav\"\n", file: "t.toml")
    }
    #expect(throws: ConfigurationError.self) {
      try ConfigurationLoader.parse(base + "[voice]\nloudness = 3\n", file: "t.toml")
    }
  }

  @Test func aVoiceFaultIsInTheHealthReportAndStopsNothing() {
    let health = PadHealth(
      headless: false, shownFault: nil, displayFault: nil, panels: 1,
      voiceFault: .voice("sound device 'default': snd_pcm_open: No such file or directory")
    ).report
    #expect(health.faults == ["E-VOICE"])
    #expect(health.screen == "ok")
  }

  @Test func aPromptFileThatCannotBePlayedIsAFaultNamingIt() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("voice-\(UUID())")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let bad = directory.appendingPathComponent("prompt.wav").path
    FileManager.default.createFile(atPath: bad, contents: Data("this is no sound".utf8))
    var settings = VoiceSettings()
    settings.enabled = true
    settings.device = "null"  // libasound's own null device: a real stream that goes nowhere
    settings.files = [.prompt: bad]
    let voice = PadVoice(settings: settings, logger: Logger(label: "test"))
    guard case .voice(let reason)? = voice.fault else {
      Issue.record("no fault: \(String(describing: voice.fault))")
      return
    }
    #expect(reason == "\(bad): not a WAV file (no RIFF/WAVE header)")
  }
}
