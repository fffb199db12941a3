import Foundation
import Hummingbird
import Ledger
import Logging
import PhotoDecoding
import RatingModel
import RecordChain
import SyncProtocol

/// The pad's HTTP API, as `Device/openapi.yaml` specifies it: pulls and acknowledgements for the
/// hub, prompts for the counter system, health and metrics.
public struct PadAPI: Sendable {
  let settings: APISettings
  let ledger: SyncLedger
  let key: DeviceKey
  let card: DeviceCard
  let desk: any PadDesk
  let status: LinkStatus
  let metrics: LinkMetrics

  /// Wires the API to the ledger, the device key and the running pad.
  public init(
    settings: APISettings, ledger: SyncLedger, key: DeviceKey, card: DeviceCard, desk: any PadDesk,
    status: LinkStatus, metrics: LinkMetrics
  ) {
    self.settings = settings
    self.ledger = ledger
    self.key = key
    self.card = card
    self.desk = desk
    self.status = status
    self.metrics = metrics
  }

  /// Every route.
  public func router() -> Router<LinkRequestContext> {
    let router = Router(context: LinkRequestContext.self)
    // Before the routes: each route's responder is built with the middleware added so far.
    if let origin = settings.counterOrigin {
      router.add(
        middleware: CORSMiddleware(
          allowOrigin: .oneOf(origin), allowHeaders: [.authorization, .contentType],
          allowMethods: [.get, .post]))
    }
    router.get("health") { _, _ in Answers.json(["status": "ok"]) }
    router.get("v1/health") { request, _ in await hub(request) { await health() } }
    router.get("metrics") { request, _ in await hub(request) { try await metricsText() } }
    router.get("v1/records") { request, _ in await hub(request) { try await records(request) } }
    router.post("v1/acknowledgements") { request, _ in await hub(request) { try await acknowledge(request) } }
    router.get("v1/device") { request, _ in await hub(request) { Answers.json(card) } }
    router.get("v1/head") { request, _ in await hub(request) { try await head() } }
    router.post("v1/dead-letters/resend") { request, _ in
      await hub(request) { Answers.json(ResentDeadLetters(resent: status.resendDeadLetters())) }
    }
    router.post("v1/prompts") { request, context in
      await counter(request, context) { try await openPrompt(request) }
    }
    router.get("v1/prompts/{id}") { request, context in
      await counter(request, context) { try await promptState(context.parameters.get("id") ?? "") }
    }
    router.put("v1/clerk") { request, context in await counter(request, context) { try await signIn(request) }
    }
    router.delete("v1/clerk") { request, context in
      await counter(request, context) { try await signOut() }
    }
    router.get("v1/clerk") { request, context in
      await counter(request, context) { Answers.json(await desk.clerkOnDuty()) }
    }
    return router
  }

  // MARK: Access

  private func hub(_ request: Request, _ body: () async throws -> Response) async -> Response {
    guard settings.hubToken.matches(authorization: request.headers[.authorization]) else {
      return Answers.problem(.unauthorized, "unauthorized", "a valid hub bearer token is required")
    }
    // A pull request's Date is not learned from: the network may hold a request for as long as it
    // likes (the VM scenario measured 43 s behind a cut link). It shows the link is up, though,
    // so a pad that does not know the time asks the hub at once (PushClient.askTheTime).
    status.pulled()
    return await answering(body)
  }

  private func counter(
    _ request: Request, _ context: LinkRequestContext, _ body: () async throws -> Response
  ) async -> Response {
    // The address first: answering a stranger 401 or 403 by its token would tell it whether a
    // guessed token was right.
    guard let address = context.remoteAddress, settings.counterAddresses.allows(address) else {
      return Answers.problem(.forbidden, "forbidden_address", "this address may not open prompts")
    }
    guard let token = settings.counterToken, token.matches(authorization: request.headers[.authorization])
    else {
      return Answers.problem(.unauthorized, "unauthorized", "a valid counter-system bearer token is required")
    }
    return await answering(body)
  }

  private func answering(_ body: () async throws -> Response) async -> Response {
    do { return try await body() } catch let problem as ProblemResponse { return problem.response } catch {
      // A ledger that cannot be read is the device's fault, never the caller's.
      return Answers.problem(.serviceUnavailable, "storage", "the ledger cannot be read: \(error)")
    }
  }

  // MARK: Hub

  private func records(_ request: Request) async throws -> Response {
    let query = request.uri.queryParameters
    let after = try integer(query["after"].map(String.init), name: "after", default: 0, range: 0...Int64.max)
    let limit = try integer(
      query["limit"].map(String.init), name: "limit", default: Int64(settings.maximumPage),
      range: 1...Int64(settings.maximumPage))
    let page = try await ledger.page(after: after, limit: Int(limit))
    return Answers.page(page)
  }

  private func acknowledge(_ request: Request) async throws -> Response {
    let acknowledgement = try await Answers.decode(Acknowledgement.self, from: request).get()
    guard acknowledgement.through >= 0 else {
      throw ProblemResponse(.badRequest, "bad_request", "field 'through' must not be negative")
    }
    let check: AcknowledgementCheck
    do {
      check = try await ledger.acknowledge(acknowledgement, upTo: acknowledgement.through)
    } catch .acknowledgementBeyondHead(let requested, let head) {
      throw ProblemResponse(
        .unprocessableContent, "beyond_head",
        "cannot acknowledge seq \(requested): the last record is seq \(head)")
    }
    switch check {
    case .moved(let cursor):
      status.synced()
      return Answers.json(Acknowledgement(through: cursor))
    case .refused(let why):
      throw ProblemResponse(.unprocessableContent, "not_this_chain", why)
    }
  }

  private func head() async throws -> Response {
    let head = try await ledger.head()
    let statement = try HeadStatement.sign(
      seq: head.seq, hash: head.hash, key: key, at: UnixMilliseconds.now())
    return Answers.json(
      WireHead(
        device: statement.fingerprint, seq: statement.seq, hash: Hex.encode(statement.hash),
        signedAtMilliseconds: statement.signedAtMilliseconds,
        signature: Data(statement.signature).base64EncodedString()))
  }

  private func health() async -> Response {
    let device = await desk.deviceHealth()
    let ledgerStatus = try? await ledger.status()
    let now = Date()
    let report = HealthReport(
      screen: device.screen, touch: device.touch, storage: ledgerStatus == nil ? "unreadable" : "ok",
      clock: ISO8601DateFormatter().string(from: now), backlog: ledgerStatus?.backlog ?? 0,
      oldestUnacknowledgedMilliseconds: ledgerStatus?.oldestUnacknowledgedWallMilliseconds,
      lastSyncMilliseconds: status.lastSyncMilliseconds, deadLetters: status.deadLetters.count,
      faults: device.faults + (ledgerStatus == nil ? ["E-LEDGER-READ"] : []), clockKnown: device.clockKnown,
      waitingForEnrolment: status.waitingForEnrolment)
    return Answers.json(report)
  }

  private func metricsText() async throws -> Response {
    let ledgerStatus = try? await ledger.status()
    let text = metrics.exposition(
      status: ledgerStatus, now: UnixMilliseconds.now(),
      deadLetterCount: status.deadLetters.count)
    return Response(
      status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
      body: .init(byteBuffer: ByteBuffer(bytes: text)))
  }

  // MARK: Counter system

  private func openPrompt(_ request: Request) async throws -> Response {
    let order = try await Answers.decode(PromptOrder.self, from: request).get()
    let transaction: Transaction
    do {
      transaction = try Transaction(
        number: order.transactionNumber, serviceItemCode: order.serviceItemCode,
        serviceItemName: order.serviceItemName ?? "", staffNumber: order.staffNumber ?? "",
        window: order.window ?? "", department: order.department ?? "",
        stage: try EvaluationStage(stored: order.stage ?? EvaluationStage.finished.rawValue))
    } catch {
      throw ProblemResponse(.badRequest, "bad_request", error.description)
    }
    switch await desk.openPrompt(for: transaction) {
    case .success(let id):
      return Answers.json(PromptState(promptID: id.value, status: .open), status: .created)
    case .failure(.alreadyRated(let key)):
      throw ProblemResponse(
        .conflict, "already_rated",
        "该办件已评价,无需重复评价: transaction \(key.transactionNumber) (\(key.stage.rawValue)) is already rated")
    case .failure(let refusal):
      throw ProblemResponse(.serviceUnavailable, "out_of_service", refusal.description)
    }
  }

  private func promptState(_ id: String) async throws -> Response {
    if await desk.isOpen(PromptID(id)) { return Answers.json(PromptState(promptID: id, status: .open)) }
    let status: PromptStatus? =
      switch try await ledger.promptOutcome(id) {
      case .rating: .rated
      case .promptExpired: .expired
      case .promptSuperseded: .superseded
      case .promptNotShown: .notShown
      default: nil
      }
    guard let status else {
      throw ProblemResponse(
        .notFound, "unknown_prompt", "no prompt '\(id)' is open or recorded on this device")
    }
    return Answers.json(PromptState(promptID: id, status: status))
  }

  // MARK: The clerk on duty

  private func signIn(_ request: Request) async throws -> Response {
    // Room for the largest photo in base64 (4/3 of it) and the other fields.
    let limit = settings.photoDecoder.byteLimit / 3 * 4 + 16 * 1024
    let order: ClerkOrder
    switch await Answers.decode(ClerkOrder.self, from: request, limit: limit) {
    case .success(let decoded): order = decoded
    case .failure(let problem) where problem.status == .contentTooLarge:
      throw ProblemResponse(
        .contentTooLarge, "photo_too_large",
        "the body is larger than \(limit) bytes: the photo may be at most \(settings.photoDecoder.byteLimit) bytes"
      )
    case .failure(let problem): throw problem
    }
    let clerk = try ClerkSignIn.checked(order, decoder: settings.photoDecoder)
    let seq = try await desk.signIn(clerk)
    return Answers.json(
      ClerkState(
        onDuty: true, name: clerk.record.name, staffNumber: clerk.record.staffNumber,
        photo: clerk.photo != nil,
        seq: seq))
  }

  private func signOut() async throws -> Response {
    let seq = try await desk.signOut()
    return Answers.json(ClerkState(onDuty: false, seq: seq))
  }

  // MARK: Helpers

  private func integer(_ text: String?, name: String, default value: Int64, range: ClosedRange<Int64>) throws
    -> Int64
  {
    guard let text else { return value }
    guard let number = Int64(text), range.contains(number) else {
      throw ProblemResponse(
        .badRequest, "bad_request",
        "query parameter '\(name)' must be an integer from \(range.lowerBound) to \(range.upperBound), not '\(text)'"
      )
    }
    return number
  }
}
