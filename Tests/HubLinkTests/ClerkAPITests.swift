import AsyncHTTPClient
import Foundation
import HubLink
import Hub
import Ledger
import NIOCore
import PhotoDecoding
import RecordChain
import SyncProtocol
import SyncTestSupport
import Testing

/// `PUT /v1/clerk` and `DELETE /v1/clerk` through the real HTTP server on loopback: who may call,
/// and every refusal naming what was wrong with the photo.
@Suite struct ClerkAPITests {
  static let token = "counter-secret-0123456789"

  /// A 3:4 photo, left half red and right half blue, as gdk-pixbuf encodes it.
  static func photo(_ format: String, width: Int = 60, height: Int = 80) -> [UInt8] {
    let pixels = (0..<width * height).map { $0 % width < width / 2 ? UInt32(0xFF0000) : 0x0000FF }
    return PhotoDecoder.encode(
      Photo(width: width, height: height, pixels: pixels, identity: "t"), as: format)!
  }

  static func order(name: String = "王芳", staff: String = "A1024", photo: [UInt8]?) -> String {
    var fields: [String: String] = ["name": name, "staff_number": staff]
    if let photo { fields["photo"] = Data(photo).base64EncodedString() }
    return String(decoding: try! JSONSerialization.data(withJSONObject: fields), as: UTF8.self)
  }

  static func send(
    _ pad: TestPad, _ method: String, _ body: String? = nil, token: String = token
  ) async throws -> (status: Int, body: String) {
    var request = HTTPClientRequest(url: pad.base + "/v1/clerk")
    switch method {
    case "PUT": request.method = .PUT
    case "DELETE": request.method = .DELETE
    default: request.method = .GET
    }
    request.headers.add(name: "Authorization", value: "Bearer " + token)
    if let body {
      request.headers.add(name: "Content-Type", value: "application/json")
      request.body = .bytes(ByteBuffer(string: body))
    }
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
  }

  @Test(arguments: ["jpeg", "png"])
  func aClerkSignsInWithAPhotoAndOut(format: String) async throws {
    let pad = try TestPad()
    try await pad.serve()
    let bytes = Self.photo(format)
    let answer = try await Self.send(pad, "PUT", Self.order(photo: bytes))
    #expect(answer.status == 200, "\(answer.body)")
    let state = try WireCoding.decoder().decode(ClerkState.self, from: Data(answer.body.utf8))
    #expect(state.onDuty && state.name == "王芳" && state.staffNumber == "A1024" && state.photo)
    let signedIn = try #require(pad.desk.clerks.withLock { $0.last } ?? nil)
    #expect(
      signedIn.record
        == ClerkRecord(name: "王芳", staffNumber: "A1024", photoSHA256: PhotoDecoder.sha256(bytes)))
    #expect(signedIn.photoBytes == bytes)
    // The decoded pixels are the photo's: red on the left, blue on the right (JPEG within its loss).
    let photo = try #require(signedIn.photo)
    #expect(photo.width == 60 && photo.height == 80)
    let left = photo.pixels[40 * 60 + 10]
    let right = photo.pixels[40 * 60 + 50]
    #expect(left >> 16 & 0xff > 200 && left & 0xff < 60, "left \(String(left, radix: 16))")
    #expect(right & 0xff > 200 && right >> 16 & 0xff < 60, "right \(String(right, radix: 16))")
    #expect(try await Self.send(pad, "GET").body.contains(#""on_duty":true"#))

    let out = try await Self.send(pad, "DELETE")
    #expect(out.status == 200 && out.body.contains(#""on_duty":false"#), "\(out.body)")
    #expect(try await Self.send(pad, "GET").body.contains(#""on_duty":false"#))
    await pad.stop()
  }

  @Test func aClerkWithoutAPhotoIsSignedIn() async throws {
    let pad = try TestPad()
    try await pad.serve()
    let answer = try await Self.send(pad, "PUT", Self.order(name: "李强", staff: "B7", photo: nil))
    #expect(answer.status == 200 && answer.body.contains(#""photo":false"#), "\(answer.body)")
    await pad.stop()
  }

  @Test func refusalsNameWhatWasWrong() async throws {
    let pad = try TestPad()
    try await pad.serve()
    let decoder = PhotoDecoder()
    let oversize = Self.photo("png") + [UInt8](repeating: 0, count: decoder.byteLimit)
    let garbledPNG = Array(Self.photo("png").prefix(40)) + [UInt8](repeating: 7, count: 200)
    let gif = Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 40)
    let cases: [(String, Int, String)] = [
      (Self.order(photo: Array("hello, not a picture".utf8)), 415, "neither JPEG nor PNG"),
      (Self.order(photo: gif), 415, "starts with bytes 47 49 46 38"),
      (Self.order(photo: oversize), 413, "at most \(decoder.byteLimit) bytes"),
      (Self.order(photo: garbledPNG), 400, "PNG photo cannot be decoded"),
      (Self.order(photo: []), 400, "the photo is empty"),
      (#"{"name":"王芳","staff_number":"A1","photo":"***"}"#, 400, "not base64"),
      (Self.order(name: "", photo: nil), 400, "field 'name' is empty"),
      (Self.order(name: String(repeating: "名", count: 33), photo: nil), 400, "at most 32"),
      (Self.order(staff: " A1", photo: nil), 400, "field 'staff_number' contains"),
      (#"{"name":"王芳"}"#, 400, "missing field 'staff_number'"),
    ]
    for (body, status, named) in cases {
      let answer = try await Self.send(pad, "PUT", body)
      #expect(answer.status == status, "\(named): \(answer.body)")
      #expect(answer.body.contains(named), "\(named): \(answer.body)")
    }
    // A body far beyond any photo is cut off while it is read, and says so.
    let huge = Self.order(photo: [UInt8](repeating: 0xFF, count: 2 * decoder.byteLimit))
    let cut = try await Self.send(pad, "PUT", huge)
    #expect(cut.status == 413 && cut.body.contains("photo_too_large"), "\(cut.body)")
    #expect(pad.desk.clerks.withLock { $0.isEmpty }, "a refused sign-in reached the desk")
    await pad.stop()
  }

  @Test func onlyTheCounterSystemWithItsTokenFromAnAllowedAddress() async throws {
    let pad = try TestPad()
    try await pad.serve()
    let order = Self.order(photo: Self.photo("png"))
    for method in ["PUT", "DELETE", "GET"] {
      let hubToken = try await Self.send(
        pad, method, method == "PUT" ? order : nil, token: "hub-secret-0123456789")
      #expect(hubToken.status == 401 && hubToken.body.contains("unauthorized"), "\(method)")
      let wrong = try await Self.send(
        pad, method, method == "PUT" ? order : nil, token: "counter-secret-wrong")
      #expect(wrong.status == 401, "\(method)")
    }
    await pad.stop()
    let fenced = try TestPad()
    try await fenced.serve(counterAddresses: try AddressAllowList(["10.1.2.0/24"]))
    let answer = try await Self.send(fenced, "PUT", order)
    #expect(answer.status == 403 && answer.body.contains("forbidden_address"))
    // The address is checked first: a wrong token from there gets the same 403, so it learns
    // nothing about the token.
    let guessed = try await Self.send(fenced, "PUT", order, token: "counter-secret-guessed")
    #expect(guessed.status == 403 && guessed.body.contains("forbidden_address"), "\(guessed.body)")
    #expect(fenced.desk.clerks.withLock { $0.isEmpty })
    await fenced.stop()
  }

  /// The new record kinds travel the wire and the hub stores them, chain intact.
  @Test func clerkRecordsReachTheHubAndVerify() async throws {
    let pad = try TestPad()
    let hub = try TestHub()
    try await hub.store.prepare()
    try await hub.store.enrol(pad.card, name: "window-3")
    try pad.rate(1)
    let signIn = ClerkRecord(
      name: "王芳", staffNumber: "A1024", photoSHA256: String(repeating: "ab", count: 32))
    _ = try pad.writer.append(signIn.signInEntry, at: .now())
    _ = try pad.writer.append(ClerkRecord.signOutEntry(signIn), at: .now())
    #expect(try pad.writer.verify(publicKey: pad.key.publicKey) == .intact(count: 3, head: 3))
    let page = try await pad.sync.page(after: 0, limit: 10)
    #expect(page.records.map(\.kind) == ["rating", "clerk_on_duty", "clerk_off_duty"])
    let wire = try RecordPage(jsonBytes: page.jsonBytes())
    #expect(ClerkRecord(detail: wire.records[1].detail) == signIn)
    // The wire form turns back into records the chain verifier accepts.
    #expect(
      try wire.records.map { try $0.ledgerRecord() }.map(\.entry.kind) == [
        .rating, .clerkOnDuty, .clerkOffDuty,
      ])
    _ = try await hub.intake.accept(wire, from: pad.key.publicKey.fingerprint)
    let stored = try await hub.store.records(kinds: ["clerk_on_duty", "clerk_off_duty"])
    #expect(stored.map(\.record.kind) == ["clerk_on_duty", "clerk_off_duty"])
  }
}
