import ConfigurationFile
import Foundation
import RatingFlow
import RatingModel
import Screen
import Touch

/// Reads and validates the TOML configuration; the first problem found names file, line and key.
public enum ConfigurationLoader {
  /// Where the configuration lives unless `--config` says otherwise.
  public static let defaultPath = "/etc/ratingpad/ratingpad.toml"

  /// Loads the file at `path`.
  public static func load(path: String) throws(ConfigurationError) -> AgentConfiguration {
    let text: String
    do {
      text = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw ConfigurationError(
        file: path, line: nil, key: "", problem: "cannot read the file (\(error.localizedDescription))")
    }
    return try parse(text, file: path)
  }

  /// Parses configuration text; `file` is only used to name the source in errors.
  public static func parse(_ text: String, file: String) throws(ConfigurationError) -> AgentConfiguration {
    let root = try TOMLSection.root(parsing: text, file: file)
    try root.rejectUnknownKeys(allowed: deviceSections.union(["api", "push", "rate_later"]))
    var configuration = try readDeviceSections(root)
    configuration.api = try root.section("api").map(NetworkConfiguration.readAPI)
    configuration.push = try root.section("push").map(NetworkConfiguration.readPush)
    configuration.rateLater = try root.section("rate_later").flatMap(RateLaterTemplate.read)
    return configuration
  }

  /// The tables a configuration shares with a provisioning file: everything but the network.
  static let deviceSections: Set<String> = [
    "device", "clerk", "flow", "ledger", "reasons", "screen", "touch",
    "voice",
  ]

  /// `[screen] share` and its settings; on by default on a kiosk, off on a window pad.
  static func readScreenShare(_ screen: TOMLSection?, kiosk: Bool) throws(ConfigurationError)
    -> ScreenShareSettings?
  {
    let terminal = try screen?.int("share_terminal", in: 2...63)
    let seconds = try screen?.int("share_wait_seconds", in: 1...60)
    guard try screen?.bool("share") ?? kiosk else {
      if let screen, terminal != nil || seconds != nil {
        throw screen.error(
          terminal != nil ? "share_terminal" : "share_wait_seconds",
          "applies only when the screen is shared (share = true, the default on a kiosk)")
      }
      return nil
    }
    var settings = ScreenShareSettings()
    if let terminal { settings.terminal = terminal }
    if let seconds { settings.wait = .seconds(seconds) }
    return settings
  }

  /// Reads the tables in `deviceSections`; the network settings are left empty.
  static func readDeviceSections(_ root: TOMLSection) throws(ConfigurationError) -> AgentConfiguration {
    let device = try readDevice(try root.section("device", required: true)!)
    let clerk = try root.section("clerk").map(readClerk) ?? ClerkCard()
    var flow = try root.section("flow").map(readFlow) ?? FlowSettings()
    if let reasons = try root.section("reasons") { flow.checklist = try readReasons(reasons) }

    var retentionDays = 30
    var paths = StatePaths()
    if let ledger = try root.section("ledger") {
      try ledger.rejectUnknownKeys(allowed: ["retention_days", "state_directory"])
      retentionDays = try ledger.int("retention_days", in: 1...3650) ?? retentionDays
      if let directory = try ledger.string("state_directory") {
        guard directory.hasPrefix("/") else {
          throw ledger.error("state_directory", "must be an absolute path")
        }
        paths = StatePaths(stateDirectory: directory)
      }
    }
    let language = try languageOf(try root.section("device", required: true)!)
    var configuration = AgentConfiguration(
      device: device, clerk: clerk, flow: flow, paths: paths, retentionDays: retentionDays, language: language
    )
    if let screen = try root.section("screen") {
      try screen.rejectUnknownKeys(allowed: [
        "rotation", "device", "connector", "mode", "blank_after_seconds",
        "modesetting", "share", "share_terminal", "share_wait_seconds",
      ])
      configuration.display = DisplayChoice(
        device: try screen.string("device"), connector: try screen.string("connector"),
        mode: try screen.string("mode"))
      if let mode = configuration.display.mode,
        mode.wholeMatch(of: /[0-9]+x[0-9]+(@[0-9]+)?/) == nil
      {
        throw screen.error("mode", "'\(mode)' is not WIDTHxHEIGHT or WIDTHxHEIGHT@HZ, e.g. 1280x800")
      }
      if let modesetting = try screen.string("modesetting") {
        guard let choice = ModesettingChoice(rawValue: modesetting) else {
          throw screen.error("modesetting", "'\(modesetting)' is not auto or legacy")
        }
        configuration.display.modesetting = choice
      }
      configuration.blankAfterSeconds = try screen.int("blank_after_seconds", in: 0...86_400) ?? 0
      let rotation = try screen.int("rotation", in: 0...270) ?? 0
      guard rotation % 90 == 0 else { throw screen.error("rotation", "\(rotation) is not 0, 90, 180 or 270") }
      configuration.rotation = rotation
    }
    configuration.screenShare = try readScreenShare(
      try root.section("screen"), kiosk: device.channel == .kiosk)
    if let voice = try root.section("voice") { configuration.voice = try VoiceSettings.read(voice) }
    if let touch = try root.section("touch") {
      try touch.rejectUnknownKeys(allowed: ["calibration", "device"])
      configuration.touchDevice = try touch.string("device")
      if let text = try touch.string("calibration") {
        guard let matrix = TouchTransform.parseCalibration(text) else {
          throw touch.error("calibration", "'\(text)' is not six numbers like \"1 0 0 0 1 0\"")
        }
        configuration.touchCalibration = matrix
      }
    }
    return configuration
  }

  private static func readDevice(_ section: TOMLSection) throws(ConfigurationError) -> DeviceIdentity {
    try section.rejectUnknownKeys(allowed: [
      "area_code", "department", "hall", "window", "channel", "language",
    ])
    let areaCode = try section.requiredString("area_code")
    guard (6...9).contains(areaCode.count), areaCode.allSatisfy(\.isASCII), areaCode.allSatisfy(\.isNumber)
    else {
      throw section.error("area_code", "'\(areaCode)' is not an area code (行政区划): 6 to 9 digits")
    }
    let channelName = try section.string("channel") ?? Channel.windowPad.rawValue
    guard let channel = Channel(rawValue: channelName) else {
      throw section.error(
        "channel",
        "'\(channelName)' is not a channel (expected \(Channel.allCases.map(\.rawValue).joined(separator: " or ")))"
      )
    }
    let window = try section.string("window") ?? ""
    if channel == .windowPad && window.isEmpty {
      throw section.error("window", "is required for a window pad")
    }
    return DeviceIdentity(
      areaCode: areaCode, department: try section.requiredString("department"),
      hall: try section.requiredString("hall"), window: window, channel: channel)
  }

  private static func languageOf(_ section: TOMLSection) throws(ConfigurationError) -> Language {
    let name = try section.string("language") ?? Language.chinese.rawValue
    guard let language = Language(rawValue: name) else {
      throw section.error("language", "'\(name)' is not a language (expected zh or en)")
    }
    return language
  }

  private static func readClerk(_ section: TOMLSection) throws(ConfigurationError) -> ClerkCard {
    try section.rejectUnknownKeys(allowed: ["name", "staff_number", "photo"])
    return ClerkCard(
      name: try section.string("name") ?? "", staffNumber: try section.string("staff_number") ?? "",
      photo: try section.string("photo"))
  }

  private static func readFlow(_ section: TOMLSection) throws(ConfigurationError) -> FlowSettings {
    try section.rejectUnknownKeys(allowed: [
      "prompt_timeout_seconds", "reasons_timeout_seconds", "thanks_seconds", "expired_seconds",
      "minimum_read_ms", "burst_window_ms", "burst_count", "free_rating",
    ])
    var settings = FlowSettings()
    if let value = try section.int("prompt_timeout_seconds", in: 3...600) {
      settings.promptTimeout = .seconds(value)
    }
    if let value = try section.int("reasons_timeout_seconds", in: 5...600) {
      settings.reasonsTimeout = .seconds(value)
    }
    if let value = try section.int("thanks_seconds", in: 1...60) { settings.thanksDuration = .seconds(value) }
    if let value = try section.int("expired_seconds", in: 1...60) {
      settings.expiredDuration = .seconds(value)
    }
    if let value = try section.int("minimum_read_ms", in: 0...5000) {
      settings.minimumReadTime = .milliseconds(value)
    }
    if let value = try section.int("burst_window_ms", in: 100...10000) {
      settings.burstWindow = .milliseconds(value)
    }
    if let value = try section.int("burst_count", in: 2...100) { settings.burstCount = value }
    if let value = try section.bool("free_rating") { settings.freeRatingAllowed = value }
    return settings
  }

  private static func readReasons(_ section: TOMLSection) throws(ConfigurationError) -> ReasonChecklist {
    try section.rejectUnknownKeys(allowed: ["version", "item"])
    let version = try section.requiredString("version")
    var byLevel: [SatisfactionLevel: [ReasonItem]] = [:]
    var seen: Set<String> = []
    for item in try section.sections("item") {
      try item.rejectUnknownKeys(allowed: ["code", "zh", "en", "levels"])
      let code = try item.requiredString("code")
      guard seen.insert(code).inserted else { throw item.error("code", "'\(code)' is listed twice") }
      let label = LocalizedText(try item.requiredString("zh"), try item.string("en") ?? "")
      // A current national code belongs to one level, so without `levels` it is offered there alone.
      var ownLevels: [SatisfactionLevel] = [.dissatisfied, .veryDissatisfied]
      if case .current(let level, _) = NationalReasonCodes.standing(of: code), level.isBad {
        ownLevels = [level]
      }
      let levelNames = try item.strings("levels") ?? ownLevels.map(\.rawValue)
      for name in levelNames {
        guard let level = SatisfactionLevel(rawValue: name) else {
          throw item.error("levels", "'\(name)' is not a level (expected dissatisfied or very_dissatisfied)")
        }
        guard level.isBad else {
          throw item.error("levels", "reasons are asked only after a bad rating, not '\(name)'")
        }
        if let problem = NationalReasonCodes.problem(offering: code, after: level) {
          throw item.error("code", problem)
        }
        byLevel[level, default: []].append(ReasonItem(code: code, label: label))
      }
    }
    if seen.isEmpty { throw section.error("item", "a reasons checklist needs at least one [[reasons.item]]") }
    return ReasonChecklist(version: version, itemsByLevel: byLevel)
  }
}
