import Foundation
import TestSupport

/// A province's interface on loopback: Tests/province/simulator.py in the gmssl venv
/// (Tests/gmssl/venv, .build/gmssl), an implementation of the national algorithms apart from ours.
package final class ProvinceSimulator: @unchecked Sendable {
  /// The repository's root, found from this file.
  static let root = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  package static let python = root.appendingPathComponent(".build/gmssl/bin/python3").path

  /// The shipped profile of this province.
  package static func profilePath(_ name: String) -> String {
    root.appendingPathComponent("Device/provinces/\(name).toml").path
  }

  /// The Beijing simulator's SM2 key pair (its private key is only the simulator's).
  package static let beijingPrivateKey = "3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8"
  package static let beijingPublicKey =
    "0409f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13"

  package let profile: String
  package let process = Process()
  package let log: String
  private let portFile: String

  /// Starts the simulator of `profile` with the test credentials (app mark/key `ratingpad-test`,
  /// word `ratingpad-word`, secret `ratingpad-secret`).
  package init(profile: String, directory: String, extra: [String] = []) throws {
    guard FileManager.default.isExecutableFile(atPath: Self.python) else {
      throw TimedOut(what: "the gmssl venv (\(Self.python)): run Tests/gmssl/venv first")
    }
    self.profile = profile
    log = directory + "/province-\(profile).log"
    portFile = directory + "/province-\(profile).port"
    process.executableURL = URL(fileURLWithPath: Self.python)
    var arguments = [
      Self.root.appendingPathComponent("Tests/province/simulator.py").path, "--profile", profile,
      "--port-file",
      portFile,
    ]
    switch profile {
    case "shandong": arguments += ["--app-mark", "ratingpad-test", "--app-word", "ratingpad-word"]
    case "fujian": arguments += ["--app-key", "ratingpad-test", "--app-secret", "ratingpad-secret"]
    case "beijing":
      arguments += [
        "--app-mark", "ratingpad-test", "--app-word", "ratingpad-word", "--private-key",
        Self.beijingPrivateKey,
      ]
    default: break
    }
    process.arguments = arguments + extra
    try startLogged(process, log: log)
  }

  /// The bound port, once listening.
  package var port: Int? { readPort(portFile) }
  package var base: String { "http://127.0.0.1:\(port ?? 0)" }

  /// Waits until it listens.
  package func waitUntilListening() async throws {
    try await eventually("the \(profile) simulator listening") { self.port != nil }
  }

  /// What it has received (`GET /_sim/received`).
  package func received() async throws -> Received {
    let (status, body) = try await HubClient(base: base, token: "").get("/_sim/received")
    guard status == 200 else { throw TimedOut(what: "/_sim/received answered \(status): \(body)") }
    return try JSONDecoder().decode(Received.self, from: Data(body.utf8))
  }

  /// A control request (`POST /_sim/NAME`).
  package func control(_ name: String, _ json: String = "{}") async throws {
    let (status, body) = try await HubClient(base: base, token: "").post("/_sim/\(name)", json)
    guard status == 200 else { throw TimedOut(what: "/_sim/\(name) answered \(status): \(body)") }
  }

  package func stop() {
    process.terminate()
    process.waitUntilExit()
  }

  /// The simulator's record of what reached it.
  package struct Received: Decodable, Sendable {
    package struct Rating: Decodable, Sendable {
      package let `case`: String
      package let number: String
      package let fields: [String: String]
      package let province_id: String
    }
    package struct Refusal: Decodable, Sendable {
      package let `case`: String?
      package let text: String
    }
    package let ratings: [Rating]
    package let duplicates: Int
    package let conflicts: Int
    package let refused: [Refusal]
    package let requests: Int
  }
}
