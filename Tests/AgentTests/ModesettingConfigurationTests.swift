import ConfigurationFile
import Screen
import Testing

@testable import Agent

/// `[screen] modesetting`: auto by default, legacy when asked, anything else named as wrong.
@Suite struct ModesettingConfiguration {
  let base = "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\n"

  @Test func autoByDefaultAndLegacyWhenAsked() throws {
    #expect(try ConfigurationLoader.parse(base, file: "t.toml").display.modesetting == .auto)
    let legacy = try ConfigurationLoader.parse(base + "[screen]\nmodesetting = \"legacy\"\n", file: "t.toml")
    #expect(legacy.display.modesetting == .legacy)
  }

  @Test func anUnknownValueIsNamed() {
    #expect(
      throws: ConfigurationError(
        file: "t.toml", line: 7, key: "screen.modesetting", problem: "'atomic' is not auto or legacy")
    ) {
      try ConfigurationLoader.parse(base + "[screen]\nmodesetting = \"atomic\"\n", file: "t.toml")
    }
  }
}

/// `[screen] share`: on by default on a kiosk (terminal 8, five seconds), off on a window pad.
@Suite struct ScreenShareConfiguration {
  let windowPad = "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\n"
  var kiosk: String { windowPad + "channel = \"kiosk\"\n" }

  @Test func aKioskSharesItsScreenAndAWindowPadDoesNot() throws {
    #expect(try ConfigurationLoader.parse(windowPad, file: "t.toml").screenShare == nil)
    #expect(try ConfigurationLoader.parse(kiosk, file: "t.toml").screenShare == ScreenShareSettings())
    let tuned = try ConfigurationLoader.parse(
      kiosk + "[screen]\nshare_terminal = 9\nshare_wait_seconds = 3\n", file: "t.toml")
    #expect(tuned.screenShare == ScreenShareSettings(terminal: 9, wait: .seconds(3)))
    #expect(
      try ConfigurationLoader.parse(kiosk + "[screen]\nshare = false\n", file: "t.toml").screenShare == nil)
    #expect(
      try ConfigurationLoader.parse(windowPad + "[screen]\nshare = true\n", file: "t.toml").screenShare != nil
    )
  }

  @Test func badValuesAreNamed() {
    #expect(throws: ConfigurationError.self) {
      try ConfigurationLoader.parse(kiosk + "[screen]\nshare_terminal = 1\n", file: "t.toml")
    }
    #expect(
      throws: ConfigurationError(
        file: "t.toml", line: 7, key: "screen.share_wait_seconds",
        problem: "applies only when the screen is shared (share = true, the default on a kiosk)")
    ) {
      try ConfigurationLoader.parse(windowPad + "[screen]\nshare_wait_seconds = 3\n", file: "t.toml")
    }
  }
}
