import Foundation
import Testing

/// A provisioning file for one test, with its configuration and state directories, removed afterwards.
final class ProvisioningFixture {
  let directory: String
  var configDirectory: String { directory + "/etc" }
  var ledger: String { directory + "/state/ledger.sqlite" }

  init() throws {
    directory =
      FileManager.default.temporaryDirectory.appendingPathComponent("provision-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  }

  /// A complete provisioning file, with `replacing` swapped in for chosen lines.
  func file(window: String = "7", replacing: [String: String] = [:]) throws -> String {
    var lines = [
      "[device]", "area_code = \"640181\"", "department = \"灵武市政务服务管理局\"", "hall = \"灵武市政务服务中心\"",
      "window = \"\(window)\"", "[hub]", "token = \"hub-secret-0123456789\"", "listen = \"127.0.0.1:8440\"",
      "[counter]", "token = \"counter-secret-0123456789\"", "addresses = [\"10.1.2.0/24\"]",
      "[ledger]", "state_directory = \"\(directory)/state\"",
    ]
    for (old, new) in replacing {
      let index = try #require(lines.firstIndex(of: old), "no line \(old)")
      lines[index] = new
    }
    let path = directory + "/window-\(window).toml"
    try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  func provision(_ file: String, _ extra: [String] = []) async throws -> (
    status: Int32, out: String, err: String
  ) {
    try await Ratingpad.run(
      ["provision", "--file", file, "--config-directory", configDirectory, "--show", "0", "--no-start"]
        + extra)
  }

  deinit { try? FileManager.default.removeItem(atPath: directory) }
}

@Suite(.serialized) struct Provisioning {
  @Test func aPlainHTTPAPIOnEveryInterfaceIsWarnedAbout() async throws {
    let pad = try ProvisioningFixture()
    let open = try await pad.provision(
      try pad.file(replacing: ["listen = \"127.0.0.1:8440\"": "listen = \"0.0.0.0:8440\""]), ["--offline"])
    #expect(open.status == 0, "\(open.err)")
    #expect(
      open.out.contains("WARNING      the API listens on 0.0.0.0:8440 in plain HTTP"), "\(open.out)")
    let loopback = try await pad.provision(try pad.file(), ["--offline"])
    #expect(loopback.status == 0 && !loopback.out.contains("WARNING"), "\(loopback.out)")
  }

  @Test func theHubsPullTokenIsKeptApartFromThePadsPushToken() async throws {
    let pad = try ProvisioningFixture()
    let pushing = "listen = \"127.0.0.1:8440\"\npush_url = \"http://127.0.0.1:1/v1/push\""
    let shared = try await pad.provision(
      try pad.file(replacing: ["listen = \"127.0.0.1:8440\"": pushing]), ["--offline"])
    #expect(shared.status == 0, "\(shared.err)")
    #expect(shared.out.contains("WARNING      hub.token serves both ways"), "\(shared.out)")

    let apart = try await pad.provision(
      try pad.file(replacing: [
        "listen = \"127.0.0.1:8440\"": pushing + "\npull_token = \"hub-pull-0123456789\""
      ]),
      ["--offline"])
    #expect(apart.status == 0 && !apart.out.contains("WARNING"), "\(apart.out)\(apart.err)")
    let config = try String(contentsOfFile: pad.configDirectory + "/ratingpad.toml", encoding: .utf8)
    #expect(config.contains("hub_token_file = '\(pad.configDirectory)/pull.token'"), "\(config)")
    #expect(config.contains("token_file = '\(pad.configDirectory)/hub.token'"), "\(config)")
    let pull = try String(contentsOfFile: pad.configDirectory + "/pull.token", encoding: .utf8)
    #expect(pull == "hub-pull-0123456789\n")
    let mode = try FileManager.default.attributesOfItem(atPath: pad.configDirectory + "/pull.token")[
      .posixPermissions]
    #expect(mode as? Int == 0o600)
  }

  @Test func aProvisioningFileMakesAConfigurationTheAgentLoadsAndReprovisioningKeepsTheLedger() async throws {
    let pad = try ProvisioningFixture()
    let first = try await pad.provision(try pad.file())
    #expect(first.status == 0, "\(first.err)")
    #expect(first.out.contains("device id    640181-7-pad"), "\(first.out)")
    let fingerprint = try #require(
      first.out.split(separator: "\n").first { $0.hasPrefix("fingerprint") }?.split(separator: " ").last)
    for token in ["hub.token", "counter.token"] {
      let mode = try FileManager.default.attributesOfItem(atPath: pad.configDirectory + "/" + token)[
        .posixPermissions]
      #expect(mode as? Int == 0o600, "\(token) mode")
    }
    let config = pad.configDirectory + "/ratingpad.toml"
    let verify = try await Ratingpad.run(["verify", "--config", config])
    #expect(verify.status == 0, "\(verify.out)\(verify.err)")

    let second = try await pad.provision(try pad.file(window: "8"))
    #expect(second.status == 0, "\(second.err)")
    #expect(second.out.contains("fingerprint  \(fingerprint)"), "the key must survive re-provisioning")
    #expect(second.out.contains("recorded as seq 2"), "\(second.out)")
    let export = try await Ratingpad.run(["export", "--config", config, "--format", "json"])
    let records = try #require(
      try JSONSerialization.jsonObject(with: Data(export.out.utf8)) as? [[String: Any]])
    #expect(records.compactMap { $0["kind"] as? String } == ["configuration_change", "configuration_change"])
    let details = records.compactMap { $0["detail"] as? String }
    #expect(
      details.last?.contains("640181-8-pad") == true && details.last?.contains("(was sha256:") == true,
      "\(details)")
  }

  @Test(arguments: [
    ("area_code = \"640181\"", "", "device.area_code: is required"),
    (
      "area_code = \"640181\"", "area_code = \"6401\"",
      "device.area_code: '6401' is not an area code (行政区划): 6 to 9 digits"
    ),
    (
      "token = \"hub-secret-0123456789\"", "token = \"short\"",
      "hub.token: a token must have at least 16 characters"
    ),
    (
      "listen = \"127.0.0.1:8440\"",
      "listen = \"127.0.0.1:8440\"\ncertificate_authority = \"/nonexistent/hub-ca.pem\"",
      "hub.certificate_authority: TLS: /nonexistent/hub-ca.pem: no such file"
    ),
    (
      "listen = \"127.0.0.1:8440\"", "listen = \"127.0.0.1:8440\"\ncertificate_authority = \"/etc/hostname\"",
      "hub.certificate_authority: TLS: /etc/hostname: not a PEM certificate"
    ),
    ("addresses = [\"10.1.2.0/24\"]", "addresses = [\"10.1.2.0/33\"]", "counter.addresses:"),
    (
      "listen = \"127.0.0.1:8440\"", "listen = \"127.0.0.1:8440\"\npull_token = \"hub-secret-0123456789\"",
      "hub.pull_token: must differ from token"
    ),
  ])
  func aMistakeIsNamedAndNothingIsWritten(line: String, replacement: String, message: String) async throws {
    let pad = try ProvisioningFixture()
    let file = try pad.file(replacing: [line: replacement])
    let run = try await pad.provision(file)
    #expect(run.status != 0)
    #expect(run.err.contains(file) && run.err.contains(message), "\(run.err)")
    #expect(!FileManager.default.fileExists(atPath: pad.configDirectory + "/ratingpad.toml"))
    #expect(!FileManager.default.fileExists(atPath: pad.ledger))
  }

  @Test func anUnreachableHubIsNamedAndNothingIsConfigured() async throws {
    let pad = try ProvisioningFixture()
    let port = try closedLoopbackPort()
    let file = try pad.file(replacing: [
      "listen = \"127.0.0.1:8440\"":
        "listen = \"127.0.0.1:8440\"\npush_url = \"http://127.0.0.1:\(port)/v1/push\""
    ])
    let run = try await pad.provision(file)
    #expect(run.status != 0)
    #expect(
      run.err.contains("\(file): hub.push_url: cannot reach the hub: http://127.0.0.1:\(port)/v1/push"),
      "\(run.err)")
    #expect(!FileManager.default.fileExists(atPath: pad.configDirectory + "/ratingpad.toml"))

    let offline = try await pad.provision(file, ["--offline"])
    #expect(offline.status == 0, "\(offline.err)")
    #expect(offline.out.contains("not checked (--offline)"), "\(offline.out)")
  }

  @Test func flagsOverrideTheFile() async throws {
    let pad = try ProvisioningFixture()
    let run = try await pad.provision(try pad.file(), ["--window", "12", "--rotation", "90"])
    #expect(run.status == 0, "\(run.err)")
    let config = try String(contentsOfFile: pad.configDirectory + "/ratingpad.toml", encoding: .utf8)
    #expect(config.contains("window = '12'") && config.contains("rotation = 90"), "\(config)")
    let bad = try await pad.provision(try pad.file(), ["--rotation", "45"])
    #expect(bad.err.contains("screen.rotation: 45 is not 0, 90, 180 or 270"), "\(bad.err)")
  }
}

/// A loopback port nothing listens on: bound, read, closed.
func closedLoopbackPort() throws -> Int {
  let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
  defer { close(fd) }
  var address = sockaddr_in()
  address.sin_family = sa_family_t(AF_INET)
  address.sin_addr.s_addr = inet_addr("127.0.0.1")
  var length = socklen_t(MemoryLayout<sockaddr_in>.size)
  try withUnsafeMutablePointer(to: &address) { pointer in
    try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
      guard bind(fd, $0, length) == 0, getsockname(fd, $0, &length) == 0 else {
        throw POSIXError(.EADDRINUSE)
      }
    }
  }
  return Int(UInt16(bigEndian: address.sin_port))
}
