import ArgumentParser
import ConfigurationFile
import Foundation
import Screen
import SyncProtocol

/// `ratingpad provision`: sets a pad up for its window from a provisioning file or flags.
struct ProvisionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "provision",
    abstract: "Set the pad up for its window: configuration, secrets, device key, enrolment QR code.",
    discussion: """
      Reads a provisioning file (one per window; see /usr/share/ratingpad/provision-example.toml) and/or
      flags, which override the file. Everything is checked before anything is written; the hub is
      contacted once (an empty push) unless --offline. Re-provisioning keeps the key and the ledger and
      records the change in it.
      """)

  @Option(help: "The provisioning file (TOML).") var file: String?
  @Option(help: "行政区划 area code, 6 to 9 digits.") var areaCode: String?
  @Option(help: "The department that runs the hall.") var department: String?
  @Option(help: "The service hall's name.") var hall: String?
  @Option(help: "The window number (empty on a kiosk).") var window: String?
  @Option(help: "window_pad or kiosk.") var channel: String?
  @Option(help: "zh or en.") var language: String?
  @Option(help: "The clerk's name on the idle screen.") var clerkName: String?
  @Option(help: "The clerk's 工号.") var staffNumber: String?
  @Option(help: "Panel rotation: 0, 90, 180 or 270.") var rotation: Int?
  @Option(help: "A file holding the token shared with the hub.") var hubTokenFile: String?
  @Option(help: "Where the pad's API listens, HOST:PORT.") var listen: String?
  @Option(help: "The hub's push endpoint, e.g. https://hub.example.gov.cn:8441/v1/push.") var pushURL: String?
  @Option(help: "The CA certificate (PEM) that signed the hub's certificate.") var hubCA: String?
  @Option(help: "A file holding the counter system's token.") var counterTokenFile: String?
  @Option(help: "Where the counter system calls from: addresses or CIDR ranges, comma-separated.")
  var counterAddresses: String?
  @Option(help: "A TOML file whose [reasons] table is the reasons checklist.") var reasonsFile: String?

  @Option(help: "Where the configuration and secrets go.") var configDirectory = "/etc/ratingpad"
  @Flag(help: "Do not contact the hub now (its network is not up yet).") var offline = false
  @Option(help: "Seconds to show the enrolment QR code on the pad's screen (0: do not).") var show = 20
  @Flag(help: "Do not (re)start ratingpad.service afterwards.") var noStart = false

  func run() throws {
    let request: ProvisioningRequest
    let source = file ?? "the command line"
    do { request = try ProvisioningRequest.read(try provisioningTable(source: source)) } catch {
      throw ProvisioningError(error.description)  // a file's mistake, not a usage mistake: no usage text
    }
    let provisioner = Provisioner(configDirectory: configDirectory, offline: offline, source: source)
    let outcome: Provisioner.Outcome
    do { outcome = try BlockingTask.run { try await provisioner.provision(request) } } catch {
      throw error
    }
    let device = outcome.configuration.device
    say("provisioned  \(device.hall), window \(device.window) (\(device.channel.rawValue))")
    say("config       \(outcome.configurationFile)")
    if let warning = request.hub.plainHTTPWarning { say("WARNING      \(warning)") }
    if let warning = request.hub.sharedTokenWarning { say("WARNING      \(warning)") }
    say(
      "ledger       \(outcome.configuration.paths.ledger): configuration_change recorded as seq \(outcome.record)"
    )
    say(
      "hub          \(outcome.hubCheck.map(\.description) ?? (offline ? "not checked (--offline)" : "pulls only"))"
    )
    say("device id    \(device.deviceID)")
    say("fingerprint  \(outcome.fingerprint)")
    let enrolment = EnrolmentCode(deviceID: device.deviceID, key: outcome.publicKey)
    say("enrolment    \(enrolment.text)")
    if let code = try? QRCode(enrolment.text) {
      say("enrol the device at the hub with this code (ratingpad-hub enrol --code …):\n\(code.terminalText)")
    }
    if show > 0 {
      showOnScreen(enrolment, outcome.configuration)
    }
    if !noStart { startService() }
  }

  /// The provisioning file's table with the flags laid over it; the file's own text when no flag is
  /// given, so errors keep its line numbers.
  private func provisioningTable(source: String) throws(ConfigurationError) -> TOMLSection {
    let overrides = try flagTables()
    var text = ""
    if let file {
      guard let data = FileManager.default.contents(atPath: file) else {
        throw ConfigurationError(file: file, line: nil, key: "", problem: "cannot read the provisioning file")
      }
      text = String(decoding: data, as: UTF8.self)
      if overrides.isEmpty && reasonsFile == nil { return try TOMLSection.root(parsing: text, file: file) }
    }
    let document = try TOMLDocument(parsing: text, file: source)
    if let reasonsFile {
      document.setTable(
        "reasons", to: try TOMLSection.root(readingFile: reasonsFile).section("reasons", required: true)!)
    }
    for (section, values) in overrides {
      for (key, value) in values { document.set(key, in: section, to: value) }
    }
    return try TOMLSection.root(parsing: document.text, file: source)
  }

  /// The flags given, as `[section: [key: value]]` of the provisioning file.
  private func flagTables() throws(ConfigurationError) -> [String: [String: ConfigurationValue]] {
    var tables: [String: [String: ConfigurationValue]] = [:]
    func set(_ section: String, _ key: String, _ value: ConfigurationValue?) {
      if let value { tables[section, default: [:]][key] = value }
    }
    func set(_ section: String, _ key: String, _ text: String?) {
      set(section, key, text.map { .string($0) })
    }
    set("device", "area_code", areaCode)
    set("device", "department", department)
    set("device", "hall", hall)
    set("device", "window", window)
    set("device", "channel", channel)
    set("device", "language", language)
    set("clerk", "name", clerkName)
    set("clerk", "staff_number", staffNumber)
    set("screen", "rotation", rotation.map { .integer($0) })
    set("hub", "token_file", hubTokenFile)
    set("hub", "listen", listen)
    set("hub", "push_url", pushURL)
    set("hub", "certificate_authority", hubCA)
    set("counter", "token_file", counterTokenFile)
    set("counter", "addresses", counterAddresses.map { .strings($0.split(separator: ",").map(String.init)) })
    return tables
  }

  /// Shows the enrolment QR code on the pad's own screen, when the display is free.
  private func showOnScreen(_ enrolment: EnrolmentCode, _ configuration: AgentConfiguration) {
    do {
      let display = try configuration.openDisplay()
      try display.show { canvas in
        Painter().paint(
          .deviceIdentity(
            deviceID: enrolment.deviceID, fingerprint: enrolment.fingerprint, enrolmentCode: enrolment.text),
          on: canvas)
      }
      say("screen       showing the enrolment code on \(display.path) for \(show) s")
      Thread.sleep(forTimeInterval: Double(show))
    } catch {
      say("screen       not shown: \(error)")
    }
  }

  /// Starts (or restarts, after a re-provisioning) the agent under systemd, on a real device.
  private func startService() {
    guard configDirectory == "/etc/ratingpad", geteuid() == 0,
      FileManager.default.fileExists(atPath: "/run/systemd/system")
    else { return }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/systemctl")
    process.arguments = ["restart", "ratingpad.service"]
    do {
      try process.run()
      process.waitUntilExit()
      say(
        "service      ratingpad.service \(process.terminationStatus == 0 ? "started" : "did not start: see journalctl -u ratingpad")"
      )
    } catch {
      say("service      cannot run systemctl: \(error)")
    }
  }
}
