import Foundation
import Hummingbird
import Logging
import NIOCore
import RecordChain
import SyncProtocol

/// The hub's HTTP side: pads push here, the counter system sends cases (when configured), and a
/// minimal health answer.
struct HubServer {
  let pads: [PadEntry]
  let intake: HubIntake
  /// The case API; not routed (404) without `[cases]`.
  var cases: CaseAPI?
  /// The uplink's metrics, and the outbox they are read from; `/metrics` is not routed without them.
  var uplinkMetrics: (metrics: UplinkMetrics, outbox: any UplinkOutbox)?

  /// Push batches can be large: 16 MiB.
  struct Context: RequestContext {
    var coreContext: CoreRequestContextStorage
    init(source: ApplicationRequestContextSource) { coreContext = .init(source: source) }
    var maxUploadSize: Int { 16 << 20 }
  }

  func router() -> Router<Context> {
    let router = Router(context: Context.self)
    router.get("health") { _, _ in Self.json(["status": "ok"]) }
    router.post("v1/push") { request, _ in await push(request) }
    if let uplinkMetrics {
      // Counts only, nothing personal: served without a token, for the hall's monitoring.
      router.get("metrics") { _, _ in
        do {
          let text = uplinkMetrics.metrics.exposition(summary: try await uplinkMetrics.outbox.uplinkSummary())
          return Response(
            status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
            body: .init(byteBuffer: ByteBuffer(bytes: text)))
        } catch {
          return Self.problem(.serviceUnavailable, "storage", "\(error)")
        }
      }
    }
    cases?.route(on: router)
    return router
  }

  private func push(_ request: Request) async -> Response {
    let header = request.headers[.authorization]
    // Every token is compared, so the time taken does not tell which pad's token was close.
    let matches = pads.filter { $0.token.matches(authorization: header) }
    // A pad of the configuration by its token, else one enrolled in the database by its token's hash.
    var enrolled: String?
    if matches.isEmpty, let header {
      // A store that cannot answer is the hub's trouble, not the pad's: it must retry, never park
      // the batch as a dead letter (as a 401 would have it do).
      do { enrolled = try await intake.fingerprint(ofToken: header) } catch {
        return Self.problem(.serviceUnavailable, "storage", "\(error)")
      }
    }
    guard matches.first != nil || enrolled != nil else {
      // Said as "not enrolled": the pad asks again later, as its enrolment may come after it.
      return Self.problem(
        .unauthorized, "not_enrolled",
        "no pad is enrolled with this token (yet): a pad's bearer token is required")
    }
    let page: RecordPage
    let received: Int64
    do {
      let body = try await request.body.collect(upTo: 16 << 20)
      received = UnixMilliseconds.now()
      page = try RecordPage(jsonBytes: Array(buffer: body))
    } catch {
      return Self.problem(.badRequest, "bad_request", "the body is not a record page: \(error)")
    }
    do {
      let known: String?
      if let pad = matches.first {
        known = try await intake.fingerprint(ofPad: pad.name)
      } else {
        known = enrolled
      }
      guard let fingerprint = known else {
        return Self.problem(
          .forbidden, "not_enrolled", "pad \(matches.first?.name ?? "") is not enrolled yet")
      }
      var answer = try await intake.acknowledge(page, from: fingerprint)
      // Stamped as it answers: the pad's clock may be unknown, and this is its best source. Storing
      // can take seconds on a busy hub; with the arrival time the pad leaves that out.
      answer.hubTimeMilliseconds = UnixMilliseconds.now()
      answer.hubReceivedMilliseconds = received
      return Self.json(answer)
    } catch let refusal as IntakeRefusal {
      switch refusal {
      case .gap: return Self.problem(.conflict, "gap", refusal.description)
      case .storage: return Self.problem(.serviceUnavailable, "storage", refusal.description)
      case .unknownDevice, .wrongDevice: return Self.problem(.forbidden, "wrong_device", refusal.description)
      case .handoverRefused: return Self.problem(.forbidden, "handover_refused", refusal.description)
      case .fork: return Self.problem(.conflict, "fork", refusal.description)
      case .chainBroken, .malformed:
        return Self.problem(.unprocessableContent, "rejected", refusal.description)
      }
    } catch {
      return Self.problem(.serviceUnavailable, "storage", "\(error)")
    }
  }

  static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) -> Response {
    let data = (try? WireCoding.encoder().encode(value)) ?? Data("{}".utf8)
    return Response(
      status: status, headers: [.contentType: "application/json"],
      body: .init(byteBuffer: ByteBuffer(data: data)))
  }

  static func problem(_ status: HTTPResponse.Status, _ code: String, _ message: String) -> Response {
    var response = json(Problem(error: code, message: message), status: status)
    if status == .unauthorized { response.headers[.wwwAuthenticate] = "Bearer" }
    return response
  }
}
