import ConfigurationFile
import Crypto
import Foundation
import HubLink
import Ledger
import RecordChain
import SyncProtocol

/// Turns a checked provisioning request into the device's configuration, secrets, key pair and a
/// `configuration_change` record in the ledger. Re-provisioning keeps the key and the ledger.
struct Provisioner {
  /// Where the configuration and secrets go (`/etc/ratingpad` on a device).
  var configDirectory: String
  /// Skip the hub check (the hall's network is not up yet).
  var offline = false
  /// What the configuration was made from, for the ledger record and the file's header.
  var source: String
  /// The files, owned by the agent's user where it exists.
  var files = DeviceFiles(agentUser: "ratingpad")

  /// What provisioning left on the device.
  struct Outcome {
    /// The configuration file written.
    var configurationFile: String
    /// The validated configuration, as the agent will load it.
    var configuration: AgentConfiguration
    /// The device's public key, for enrolment at the hub.
    var publicKey: DevicePublicKey
    /// Its fingerprint.
    var fingerprint: String { publicKey.fingerprint }
    /// The hub check's verdict; nil when skipped or when the hub only pulls.
    var hubCheck: HubProbeResult?
    /// The ledger record of the change.
    var record: Int64
  }

  func provision(_ request: ProvisioningRequest) async throws(ProvisioningError) -> Outcome {
    let paths = request.configuration.paths
    try files.makeDirectory(paths.stateDirectory, mode: 0o700, owner: .agent)
    let key: DeviceKey
    do { key = try DeviceKey.loadOrCreate(path: paths.deviceKey, ledger: paths.ledger) } catch {
      throw ProvisioningError("the device key \(paths.deviceKey): \(error)")
    }
    try files.give(paths.deviceKey, to: .agent)
    let fingerprint = key.publicKey.fingerprint

    var hubCheck: HubProbeResult?
    if let url = request.hub.pushURL, !offline {
      let token: AccessToken
      do { token = try AccessToken(secret: request.hub.token) } catch { throw ProvisioningError("\(error)") }
      let check = await HubProbe.check(
        PushSettings(url: url, token: token, certificateAuthority: request.hub.certificateAuthority),
        device: fingerprint,
        handovers: (try? HandoverFile(keyPath: paths.deviceKey).presented()) ?? [])
      guard check.linkWorks else {
        throw ProvisioningError(
          "\(source): hub.push_url: \(check); fix it, or provision with --offline and let the pad retry")
      }
      hubCheck = check
    }

    let text = try writeSecretsAndConfiguration(request)
    let configurationFile = configDirectory + "/ratingpad.toml"
    let configuration: AgentConfiguration
    do { configuration = try ConfigurationLoader.parse(text, file: configurationFile) } catch {
      throw ProvisioningError("the configuration made from \(source) does not load: \(error)")
    }
    let previous = FileManager.default.contents(atPath: configurationFile).map(Self.digest)
    try files.write(Array(text.utf8), to: configurationFile, mode: 0o640, owner: .rootWithAgentGroup)
    let (record, signer) = try recordChange(
      paths: paths, key: key, configuration: configuration, digest: Self.digest(Data(text.utf8)),
      previous: previous)
    return Outcome(
      configurationFile: configurationFile, configuration: configuration, publicKey: signer.publicKey,
      hubCheck: hubCheck, record: record)
  }

  /// Writes the token files and certificates, and returns the configuration text that names them.
  private func writeSecretsAndConfiguration(_ request: ProvisioningRequest) throws(ProvisioningError)
    -> String
  {
    let tables: TOMLDocument
    do { tables = try TOMLDocument(parsing: request.deviceTables, file: "the device tables") } catch {
      throw ProvisioningError("the device tables do not read back: \(error)")
    }
    let hubToken = configDirectory + "/hub.token"
    try files.write(Array((request.hub.token + "\n").utf8), to: hubToken, mode: 0o600, owner: .agent)
    // The hub's pull token apart from the pad's push token, when the provisioning file has one.
    var pullToken = hubToken
    if let secret = request.hub.pullToken {
      pullToken = configDirectory + "/pull.token"
      try files.write(Array((secret + "\n").utf8), to: pullToken, mode: 0o600, owner: .agent)
    }
    var api: [String: ConfigurationValue] = [
      "listen": .string(request.hub.listen), "hub_token_file": .string(pullToken),
    ]
    if let counter = request.counter {
      let counterToken = configDirectory + "/counter.token"
      try files.write(Array((counter.token + "\n").utf8), to: counterToken, mode: 0o600, owner: .agent)
      api["counter_token_file"] = .string(counterToken)
      api["counter_addresses"] = .strings(counter.addresses)
    }
    if let tls = request.hub.tls {
      let certificate = configDirectory + "/tls/pad.crt"
      let key = configDirectory + "/tls/pad.key"
      try files.copy(tls.certificate, to: certificate, mode: 0o644, owner: .rootWithAgentGroup)
      try files.copy(tls.privateKey, to: key, mode: 0o600, owner: .agent)
      api["tls_certificate"] = .string(certificate)
      api["tls_key"] = .string(key)
    }
    tables.setTable("api", api)
    if let url = request.hub.pushURL {
      var push: [String: ConfigurationValue] = ["url": .string(url), "token_file": .string(hubToken)]
      if let authority = request.hub.certificateAuthority {
        let copy = configDirectory + "/tls/hub-ca.pem"
        try files.copy(authority, to: copy, mode: 0o644, owner: .rootWithAgentGroup)
        push["certificate_authority"] = .string(copy)
      }
      tables.setTable("push", push)
    }
    return """
      # Written by `ratingpad provision` from \(source).
      # Provision again rather than editing: that keeps the ledger's record of every change.
      # Every key is documented in /usr/share/ratingpad/ratingpad.toml.

      \(tables.text)

      """
  }

  /// Appends the `configuration_change` record, as the agent's user would own it; returns its seq
  /// and the key that signed it (a new one, handed over to, when the ledger started over empty).
  private func recordChange(
    paths: StatePaths, key: DeviceKey, configuration: AgentConfiguration, digest: String, previous: String?
  ) throws(ProvisioningError) -> (seq: Int64, key: DeviceKey) {
    let device = configuration.device
    let detail =
      "provisioned from \(source): \(device.deviceID), \(device.hall), hub \(configuration.push?.url ?? "pulls only")"
      + ", configuration sha256:\(digest)" + (previous.map { " (was sha256:\($0))" } ?? " (first)")
    do {
      let opened = try LedgerStore.open(path: paths.ledger, keyPath: paths.deviceKey, key: key)
      let record = try opened.store.append(.device(.configurationChange, detail: detail), at: .now())
      for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: paths.ledger + suffix) {
        try files.give(paths.ledger + suffix, to: .agent)
      }
      // The key files a start-over may have written (`LedgerStore.open(path:keyPath:key:)`).
      let state = (paths.deviceKey as NSString).deletingLastPathComponent
      let keyName = (paths.deviceKey as NSString).lastPathComponent
      for name in (try? FileManager.default.contentsOfDirectory(atPath: state)) ?? []
      where name.hasPrefix(keyName) {
        try files.give(state + "/" + name, to: .agent)
      }
      return (record.seq, opened.key)
    } catch let error as ProvisioningError {
      throw error
    } catch {
      throw ProvisioningError("the ledger \(paths.ledger): \(error)")
    }
  }

  private static func digest(_ data: Data) -> String { Hex.encode(Array(SHA256.hash(data: data).prefix(8))) }
}
