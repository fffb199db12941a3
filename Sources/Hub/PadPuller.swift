import AsyncHTTPClient
import Foundation
import RatingModel
import Logging
import NIOCore
import NIOSSL
import RecordChain
import SyncProtocol

/// Pulls one pad: checks that its address answers with the key enrolled for it, then pages
/// through its records after the hub's head, acknowledges what was stored, and checks the pad's
/// signed head against its own.
public struct PadPuller: Sendable {
  let pad: PadEntry
  let intake: HubIntake
  let store: any HubStore
  let client: HTTPClient
  let logger: Logger
  /// Records a page asks for.
  var pageSize = 1000

  /// Makes a puller for `pad`.
  public init(pad: PadEntry, intake: HubIntake, store: any HubStore, client: HTTPClient, logger: Logger) {
    self.pad = pad
    self.intake = intake
    self.store = store
    self.client = client
    self.logger = logger
  }

  /// One round: everything the pad has, then its head. Returns how many records were stored.
  @discardableResult
  public func pullOnce() async throws -> Int {
    guard let base = pad.url else { return 0 }
    let device = try await pinnedDevice(at: base)
    var stored = 0
    while true {
      let after = try await store.device(device.fingerprint)?.lastSeq ?? 0
      let page = try RecordPage(
        jsonBytes: Array(buffer: try await fetch(base + "/v1/records?after=\(after)&limit=\(pageSize)")))
      let answer = try await intake.acknowledge(page, from: device.fingerprint)
      stored += Int(answer.through - after)
      // A hub ahead of the pad's head (a ledger restored from a backup) has nothing to acknowledge
      // there; the head check below says whether the pad's chain is the hub's.
      if answer.through > page.acknowledgedThrough, answer.through <= page.headSeq {
        let _: Acknowledgement = try await post(base + "/v1/acknowledgements", answer)
      }
      if !page.more { break }
    }
    try await checkHead(base: base, device: device)
    return stored
  }

  /// The device the pad's address must answer as. The card served there is believed only for
  /// the key enrolled under the pad's name (or pinned in the configuration): another key is
  /// refused, named in the log and in `devices`, and neither enrolled nor allowed to flag the
  /// real device. A pad with no key known is enrolled only when the configuration says to trust
  /// its first answer.
  private func pinnedDevice(at base: String) async throws -> EnrolledDevice {
    let card: DeviceCard = try await get(base + "/v1/device")
    // The fingerprint a card names must be that of the key it carries.
    let shown = DevicePublicKeyText.fingerprint(of: card.publicKey).flatMap {
      $0 == card.fingerprint ? $0 : nil
    }
    if let enrolled = try await store.device(named: pad.name) {
      var current = enrolled
      // A ledger that started over shows a new key, handed over from the enrolled one
      // (`KeyHandover`): adopted as its successor, or refused as any other key is.
      if let shown, shown != enrolled.fingerprint, !(card.handovers ?? []).isEmpty {
        do {
          if try await intake.adopt(card, asPad: pad.name, pinned: enrolled.fingerprint),
            let successor = try await store.device(shown)
          {
            current = successor
          }
        } catch {
          throw try await impostor(card, at: base, instead: enrolled.fingerprint, because: "\(error)")
        }
      }
      if let pinned = pad.fingerprint, pinned != current.fingerprint,
        try await !intake.adopt(card, asPad: pad.name, pinned: pinned)
      {
        throw PullError(
          "pad \(pad.name): hub.toml pins key \(pinned), but key \(current.fingerprint) is enrolled under its name"
        )
      }
      guard shown == current.fingerprint else {
        throw try await impostor(card, at: base, instead: current.fingerprint)
      }
      return current
    }
    if let pinned = pad.fingerprint {
      guard shown == pinned else { throw try await impostor(card, at: base, instead: pinned) }
    } else if pad.enrolOnFirstPull, shown != nil {
      logger.warning(
        "pad \(pad.name): enrolled on its first pull with key \(card.fingerprint) (enrol_on_first_pull: whatever answered first is trusted, and pinned from now on)"
      )
    } else if shown == nil {
      throw try await impostor(card, at: base, instead: nil)
    } else {
      throw PullError(
        "pad \(pad.name) is not enrolled: enrol it with its enrolment code (ratingpad-hub enrol), or give its public_key or fingerprint in hub.toml; nothing pulled"
      )
    }
    try await store.enrol(card, name: pad.name)
    guard let device = try await store.device(card.fingerprint) else {
      throw PullError("pad \(pad.name): enrolled, but not found in the database")
    }
    return device
  }

  /// Notes a pull answered with another key than `expected` (or a card whose fingerprint is not
  /// its key's) on the real device, logs it, and returns the error that ends the pull.
  private func impostor(
    _ card: DeviceCard, at base: String, instead expected: String?, because reason: String? = nil
  ) async throws -> PullError {
    let time = ISOTime.format(
      milliseconds: UnixMilliseconds.now(), offsetSeconds: Int32(CivilDate.utcOffsetSeconds))
    let shown = String(card.fingerprint.prefix(64).filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    let note =
      expected == nil
      ? "\(time) \(base) answered with a card whose fingerprint \(shown) is not its key's: refused"
      : "\(time) \(base) answered with key \(shown), not the enrolled \(expected!)"
        + (reason.map { " (\($0))" } ?? "") + ": refused, nothing stored"
    logger.critical("pad \(pad.name): IMPOSTOR? \(note)")
    if let expected, try await store.device(expected) != nil {
      try await store.noteImpostor(device: expected, note: note)
    }
    return PullError("pad \(pad.name): \(note)")
  }

  private func checkHead(base: String, device: EnrolledDevice) async throws {
    let wire: WireHead = try await get(base + "/v1/head")
    guard let stored = try await store.device(device.fingerprint),
      let keyBytes = Base64.decode(device.card.publicKey),
      let key = try? DevicePublicKey(rawRepresentation: keyBytes), let hash = Hex.decode(wire.hash),
      let signature = Base64.decode(wire.signature)
    else { throw PullError("pad \(pad.name): unreadable head") }
    let head = HeadStatement(
      fingerprint: wire.device, seq: wire.seq, hash: hash, signedAtMilliseconds: wire.signedAtMilliseconds,
      signature: signature)
    // Verified with the enrolled key, so only the pad itself can have the hub flag it.
    guard head.isValid(for: key) else {
      try await intake.flag(device: device.fingerprint, problem: "its signed head does not verify")
      throw PullError("pad \(pad.name): the signed head does not verify")
    }
    // A head below the hub's (a ledger restored from an old backup) must be a record the hub holds.
    var held = head.seq == stored.lastSeq ? stored.lastHash : nil
    if head.seq < stored.lastSeq {
      held = try await store.hashes(device: device.fingerprint, from: head.seq, through: head.seq)[head.seq]
    }
    if let held, wire.hash != held {
      let problem = "its head at seq \(head.seq) differs from the hub's copy: the chain forked"
      try await intake.flag(device: device.fingerprint, problem: problem)
      throw PullError("pad \(pad.name): \(problem)")
    }
  }

  private func get<T: Decodable>(_ url: String) async throws -> T {
    try WireCoding.decoder().decode(T.self, from: Data(buffer: try await fetch(url)))
  }

  private func fetch(_ url: String) async throws -> ByteBuffer {
    var request = HTTPClientRequest(url: url)
    request.headers.add(name: "Authorization", value: pad.pullToken.authorization)
    return try await exchange(request)
  }

  private func post<Body: Encodable, T: Decodable>(_ url: String, _ body: Body) async throws -> T {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Authorization", value: pad.pullToken.authorization)
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(data: try WireCoding.encoder().encode(body)))
    return try WireCoding.decoder().decode(T.self, from: Data(buffer: try await exchange(request)))
  }

  private func exchange(_ request: HTTPClientRequest) async throws -> ByteBuffer {
    var request = request
    // The hub's time, for a pad that boots without a clock (it trusts it: the token is valid).
    request.headers.replaceOrAdd(
      name: "Date", value: HTTPDate.format(milliseconds: UnixMilliseconds.now()))
    let response: HTTPClientResponse
    do { response = try await client.execute(request, timeout: .seconds(30)) } catch let error as NIOSSLError
    {
      throw PullError.handshake(pad: pad.name, url: request.url, error)
    } catch let error as BoringSSLError {
      throw PullError.handshake(pad: pad.name, url: request.url, error)
    }
    let body = try await response.body.collect(upTo: 64 << 20)
    guard response.status.code == 200 else {
      throw PullError(
        "pad \(pad.name): \(request.url) answered \(response.status.code): \(String(buffer: body))")
    }
    return body
  }
}

/// A pull that did not complete.
public struct PullError: Error, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }

  /// No TLS with the pad: most often a certificate the hub's CA did not sign, or for another name.
  static func handshake(pad: String, url: String, _ error: any Error) -> PullError {
    PullError(
      "pad \(pad): \(url): the TLS handshake failed; is the pad's certificate signed by a certificate "
        + "authority the hub trusts (certificate_authority), and for this address? (\(error))")
  }
}
