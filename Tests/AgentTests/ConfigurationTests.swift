import ConfigurationFile
import Foundation
import RatingFlow
import RatingModel
import Testing

@testable import Agent

/// The example configuration shipped in Device/, read from the checkout.
let exampleConfigurationPath = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("Device/ratingpad.toml").path

@Suite struct ConfigurationLoading {
  @Test func theShippedExampleIsValid() throws {
    let configuration = try ConfigurationLoader.load(path: exampleConfigurationPath)
    #expect(configuration.device.areaCode == "640181")
    #expect(configuration.device.channel == .windowPad)
    #expect(configuration.flow.promptTimeout == .seconds(10))
    #expect(configuration.flow.checklist.version == "national-2")
    #expect(configuration.flow.checklist.items(for: .veryDissatisfied).map(\.code).first == "108")
    #expect(configuration.flow.checklist == ReasonChecklist.standard, "the example spells out the default")
    #expect(configuration.flow.checklist.items(for: .satisfied).isEmpty)
    #expect(configuration.paths.ledger == "/var/lib/ratingpad/ledger.sqlite")
    #expect(configuration.rotation == 0 && configuration.touchCalibration == [1, 0, 0, 0, 1, 0])
  }

  @Test func rotationAndCalibrationAreReadAndCheckedByName() throws {
    let base = "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\n"
    let turned = try ConfigurationLoader.parse(
      base + "[screen]\nrotation = 90\n[touch]\ncalibration = \"-1 0 1 0 1 0\"\n", file: "t.toml")
    #expect(turned.rotation == 90 && turned.touchCalibration == [-1, 0, 1, 0, 1, 0])
    #expect(
      throws: ConfigurationError(
        file: "t.toml", line: 7, key: "screen.rotation", problem: "45 is not 0, 90, 180 or 270")
    ) {
      try ConfigurationLoader.parse(base + "[screen]\nrotation = 45\n", file: "t.toml")
    }
    #expect(throws: ConfigurationError.self) {
      try ConfigurationLoader.parse(base + "[touch]\ncalibration = \"1 0 0\"\n", file: "t.toml")
    }
  }

  @Test func aMinimalFileTakesDefaults() throws {
    let configuration = try ConfigurationLoader.parse(
      """
      [device]
      area_code = "110105"
      department = "D"
      hall = "H"
      channel = "kiosk"
      """, file: "k.toml")
    #expect(configuration.device.channel == .kiosk)
    #expect(configuration.flow == FlowSettings())
    #expect(configuration.retentionDays == 30)
  }

  /// Each broken file must name its file, line and key.
  @Test(arguments: [
    (
      "[device]\narea_code = \"64018\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"", 2,
      "device.area_code", "6 to 9 digits"
    ),
    (
      "[device]\narea_code = 640181\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"", 2, "device.area_code",
      "must be a string"
    ),
    ("[device]\narea_code = \"640181\"\nhall = \"H\"\nwindow = \"1\"", 1, "device.department", "is required"),
    (
      "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"", 1, "device.window",
      "required for a window pad"
    ),
    (
      "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\nchanel = \"kiosk\"",
      6, "device.chanel", "unknown key"
    ),
    (
      "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\n[flow]\nprompt_timeout_seconds = 0",
      7, "flow.prompt_timeout_seconds", "out of range"
    ),
    (
      "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\n[reasons]\nversion = \"v\"\n[[reasons.item]]\ncode = \"a\"\nzh = \"甲\"\nlevels = [\"satisfied\"]",
      11, "reasons.item[0].levels", "only after a bad rating"
    ),
    (
      "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\n[reasons]\nversion = \"v\"\n[[reasons.item]]\ncode = \"204\"\nzh = \"办理完该事项需要到窗口2次以上\"",
      9, "reasons.item[0].code",
      "code 204 was retired from the national list (current 不满意 codes are 207–214)"
    ),
    (
      "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\n[reasons]\nversion = \"v\"\n[[reasons.item]]\ncode = \"213\"\nzh = \"乙\"\n[[reasons.item]]\ncode = \"108\"\nzh = \"甲\"\nlevels = [\"dissatisfied\"]",
      12, "reasons.item[1].code",
      "code 108 (在办事指南之外增加新的审批条件) is a national 非常不满意 code, not one for 不满意 (current 不满意 codes are 207–214)"
    ),
    (
      "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\nchannel = \"tablet\"",
      6, "device.channel", "not a channel"
    ),
    (
      "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\n[api]\nmax_connections = 5000",
      7, "api.max_connections", "5000 is out of range (8…640)"
    ),
    (
      "[device]\narea_code = \"640181\"\ndepartment = \"D\"\nhall = \"H\"\nwindow = \"1\"\n[api]\nidle_timeout_seconds = 0",
      7, "api.idle_timeout_seconds", "out of range (1…300)"
    ),
    ("[device\narea_code = \"640181\"", 1, "", "not valid TOML"),
    ("[flow]\nburst_count = 3", nil, "device", "is missing"),
  ])
  func brokenFilesNameFileLineAndKey(text: String, line: Int?, key: String, problem: String) {
    do {
      _ = try ConfigurationLoader.parse(text, file: "/etc/ratingpad/ratingpad.toml")
      Issue.record("expected an error for \(key)")
    } catch {
      #expect(error.file == "/etc/ratingpad/ratingpad.toml")
      #expect(error.line == line, "\(error)")
      #expect(error.key == key, "\(error)")
      #expect(error.problem.contains(problem), "\(error)")
      #expect(error.description.hasPrefix("/etc/ratingpad/ratingpad.toml" + (line.map { ":\($0)" } ?? ":")))
    }
  }

  /// A national code is offered after its own level unless `levels` says otherwise; a local code
  /// (a hall without a province) after both bad levels.
  @Test func nationalCodesKeepTheirLevelAndLocalCodesAreAllowed() throws {
    let configuration = try ConfigurationLoader.parse(
      """
      [device]
      area_code = "640181"
      department = "D"
      hall = "H"
      window = "1"
      [reasons]
      version = "hall-3"
      [[reasons.item]]
      code = "213"
      zh = "窗口人员业务不熟练"
      [[reasons.item]]
      code = "115"
      zh = "服务态度差效率低"
      [[reasons.item]]
      code = "wait_long"
      zh = "等候时间过长"
      """, file: "r.toml")
    let checklist = configuration.flow.checklist
    #expect(checklist.version == "hall-3")
    #expect(checklist.items(for: .dissatisfied).map(\.code) == ["213", "wait_long"])
    #expect(checklist.items(for: .veryDissatisfied).map(\.code) == ["115", "wait_long"])
  }

  @Test func anUnreadableFileIsNamed() {
    #expect(throws: ConfigurationError.self) {
      try ConfigurationLoader.load(path: "/nonexistent/ratingpad.toml")
    }
  }
}

@Suite struct TapScripts {
  @Test func stepsAreRead() throws {
    let script = try TapScript(
      text:
        "# demo\nopen BJ-1 1137 户口 迁移\nwait 400\ntap very_dissatisfied\nreason 113\nsubmit\nopen-free\nskip\n",
      file: "s")
    #expect(script.steps.count == 7)
    #expect(
      script.steps[0]
        == .open(try Transaction(number: "BJ-1", serviceItemCode: "1137", serviceItemName: "户口 迁移")))
    #expect(script.steps[1] == .wait(.milliseconds(400)))
    #expect(script.steps[2] == .tap(.level(.veryDissatisfied)))
  }

  @Test func anOpenStepCarriesTheCounterSystemsFields() throws {
    let script = try TapScript(text: "open BJ-2 1137 staff=S7 window=3 department=D1 户口 迁移", file: "s")
    #expect(
      script.steps
        == [
          .open(
            try Transaction(
              number: "BJ-2", serviceItemCode: "1137", serviceItemName: "户口 迁移", staffNumber: "S7",
              window: "3",
              department: "D1"))
        ])
    #expect(throws: TapScriptError.self) {
      try TapScript(text: "open BJ-2 1137 staff=\(String(repeating: "x", count: 65))", file: "s")
    }
  }

  @Test func badLinesAreNamed() {
    #expect(
      throws: TapScriptError(
        file: "s", line: 2,
        problem:
          "unknown satisfaction level 'great' (expected one of very_satisfied, satisfied, basically_satisfied, dissatisfied, very_dissatisfied)"
      )
    ) {
      try TapScript(text: "wait 1\ntap great", file: "s")
    }
    #expect(throws: TapScriptError.self) {
      try TapScript(text: "open \(String(repeating: "x", count: 51)) 1", file: "s")
    }
  }
}
