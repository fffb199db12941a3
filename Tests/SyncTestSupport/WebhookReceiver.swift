import Foundation
import Hummingbird
import HummingbirdCore
import NIOCore
import Synchronization

/// A webhook receiver on loopback, in the test process: records every POST to its paths and
/// answers as told (a robot's `errcode`, a 500, a huge body), so tests see what the hub sent.
package final class WebhookReceiver: @unchecked Sendable {
  /// One POST as it arrived.
  package struct Arrival: Sendable {
    package let path: String
    package let authorization: String?
    package let instance: String?
    package let body: String
    /// When it arrived, milliseconds since the epoch.
    package let milliseconds: Int64
    /// What it was answered.
    package let answer: Answer

    /// The body as a JSON object, if it is one.
    package var json: [String: Any]? {
      (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]
    }
  }

  /// How a path answers.
  package struct Answer: Sendable {
    package var status: Int
    package var body: String
    /// How long the answer takes to come.
    package var delay: Duration
    /// Whether the body comes a byte a second.
    package var trickle: Bool
    package init(status: Int, body: String, delay: Duration = .zero, trickle: Bool = false) {
      self.status = status
      self.body = body
      self.delay = delay
      self.trickle = trickle
    }
    /// Whether a hub should count this answer as delivery.
    package var takes: Bool {
      (200..<300).contains(status) && (!body.contains("errcode") || body.contains(#""errcode":0"#))
    }
    package static let ok = Answer(status: 200, body: "ok")
    package static let robotOK = Answer(status: 200, body: #"{"errcode":0,"errmsg":"ok"}"#)
  }

  private let state = Mutex<(arrivals: [Arrival], answers: [String: Answer])>(([], [:]))
  private var task: Task<Void, any Error>?
  package private(set) var base = ""

  /// Listens on a free port of 127.0.0.1, answering `paths` as given.
  package init(answers: [String: Answer]) async throws {
    state.withLock { $0.answers = answers }
    let router = Router()
    for path in answers.keys {
      router.post(RouterPath(stringLiteral: path)) { [self] request, _ -> Response in
        let body = try await request.body.collect(upTo: 1 << 20)
        let answer = state.withLock { $0.answers[path] } ?? .ok
        let arrival = Arrival(
          path: path, authorization: request.headers[.authorization],
          instance: request.headers.first { $0.name.canonicalName == "x-ratingpad-instance" }?.value,
          body: String(buffer: body), milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()),
          answer: answer)
        state.withLock { $0.arrivals.append(arrival) }
        if answer.delay > .zero { try await Task.sleep(for: answer.delay) }
        guard answer.trickle else {
          return Response(
            status: .init(code: answer.status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: answer.body)))
        }
        return Response(
          status: .init(code: answer.status), headers: [.contentType: "application/json"],
          body: ResponseBody { writer in
            for byte in Array(answer.body.utf8) {
              try await writer.write(ByteBuffer(bytes: [byte]))
              try await Task.sleep(for: .seconds(1))
            }
            try await writer.finish(nil)
          })
      }
    }
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let application = Application(
      router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
      onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: quietLogger)
    task = Task { try await application.runService(gracefulShutdownSignals: []) }
    for await port in ports {
      base = "http://127.0.0.1:\(port)"
      break
    }
  }

  /// Answers `path` with `answer` from now on.
  package func answer(_ path: String, with answer: Answer) {
    state.withLock { $0.answers[path] = answer }
  }

  /// What arrived at `path`, oldest first.
  package func arrivals(_ path: String) -> [Arrival] {
    state.withLock { $0.arrivals.filter { $0.path == path } }
  }

  /// What arrived at `path` and was taken: answered 2xx, and errcode 0 when a robot's answer.
  package func accepted(_ path: String) -> [Arrival] {
    arrivals(path).filter { $0.answer.takes }
  }

  package func stop() {
    task?.cancel()
  }
}
