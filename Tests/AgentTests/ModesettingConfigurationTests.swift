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
