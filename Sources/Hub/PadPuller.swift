import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import RecordChain
import SyncProtocol

/// Pulls one pad: enrols it from its device card, then pages through its records after the hub's
/// head, acknowledges what was stored, and checks the pad's signed head against its own.
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
    let card: DeviceCard = try await get(base + "/v1/device")
    let successor = try await intake.adopt(card, asPad: pad.name, pinned: pad.fingerprint)
    if let pinned = pad.fingerprint, pinned != card.fingerprint, !successor {
      throw PullError("pad \(pad.name) shows key \(card.fingerprint), but \(pinned) is pinned")
    }
    try await store.enrol(card, name: pad.name)
    var stored = 0
    while true {
      let after = try await store.device(card.fingerprint)?.lastSeq ?? 0
      let page = try RecordPage(
        jsonBytes: Array(buffer: try await fetch(base + "/v1/records?after=\(after)&limit=\(pageSize)")))
      let answer = try await intake.acknowledge(page, from: card.fingerprint)
      stored += Int(answer.through - after)
      // A hub ahead of the pad's head (a ledger restored from a backup) has nothing to acknowledge
      // there; the head check below says whether the pad's chain is the hub's.
      if answer.through > page.acknowledgedThrough, answer.through <= page.headSeq {
        let _: Acknowledgement = try await post(base + "/v1/acknowledgements", answer)
      }
      if !page.more { break }
    }
    try await checkHead(base: base, card: card)
    return stored
  }

  private func checkHead(base: String, card: DeviceCard) async throws {
    let wire: WireHead = try await get(base + "/v1/head")
    guard let device = try await store.device(card.fingerprint), let keyBytes = Base64.decode(card.publicKey),
      let key = try? DevicePublicKey(rawRepresentation: keyBytes), let hash = Hex.decode(wire.hash),
      let signature = Base64.decode(wire.signature)
    else { throw PullError("pad \(pad.name): unreadable head") }
    let head = HeadStatement(
      fingerprint: wire.device, seq: wire.seq, hash: hash, signedAtMilliseconds: wire.signedAtMilliseconds,
      signature: signature)
    guard head.isValid(for: key) else {
      try await intake.flag(device: card.fingerprint, problem: "its signed head does not verify")
      throw PullError("pad \(pad.name): the signed head does not verify")
    }
    // A head below the hub's (a ledger restored from an old backup) must be a record the hub holds.
    var held = head.seq == device.lastSeq ? device.lastHash : nil
    if head.seq < device.lastSeq {
      held = try await store.hashes(device: card.fingerprint, from: head.seq, through: head.seq)[head.seq]
    }
    if let held, wire.hash != held {
      let problem = "its head at seq \(head.seq) differs from the hub's copy: the chain forked"
      try await intake.flag(device: card.fingerprint, problem: problem)
      throw PullError("pad \(pad.name): \(problem)")
    }
  }

  private func get<T: Decodable>(_ url: String) async throws -> T {
    try WireCoding.decoder().decode(T.self, from: Data(buffer: try await fetch(url)))
  }

  private func fetch(_ url: String) async throws -> ByteBuffer {
    var request = HTTPClientRequest(url: url)
    request.headers.add(name: "Authorization", value: pad.token.authorization)
    return try await exchange(request)
  }

  private func post<Body: Encodable, T: Decodable>(_ url: String, _ body: Body) async throws -> T {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Authorization", value: pad.token.authorization)
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(data: try WireCoding.encoder().encode(body)))
    return try WireCoding.decoder().decode(T.self, from: Data(buffer: try await exchange(request)))
  }

  private func exchange(_ request: HTTPClientRequest) async throws -> ByteBuffer {
    var request = request
    // The hub's time, for a pad that boots without a clock (it trusts it: the token is valid).
    request.headers.replaceOrAdd(
      name: "Date", value: HTTPDate.format(milliseconds: UnixMilliseconds.now()))
    let response = try await client.execute(request, timeout: .seconds(30))
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
}
