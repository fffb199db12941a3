import AsyncHTTPClient
import Foundation
import NIOCore
import PhotoDecoding
import SyncTestSupport
import TestSupport
import Testing

/// A photo that is tiny on the wire and huge in memory, sent to the real agent (`ratingpad run
/// --headless`) on loopback: it is refused from its header, and the agent's peak RSS stays put.
@Suite(.serialized) struct PhotoBombTests {
  static let token = "counter-secret-0123456789"

  @Test func aHugePNGIsRefusedFromItsHeaderAndTheAgentsMemoryStaysFlat() async throws {
    let agent = try HeadlessAgent(counterToken: Self.token)
    defer { agent.stop() }
    try await agent.waitUntilListening()
    // One ordinary sign-in first, so the baseline includes a decode and the API's warm-up.
    let small = PhotoDecoder.encode(
      Photo(width: 60, height: 80, pixels: .init(repeating: 0x336699, count: 4800), identity: "t"), as: "png")!
    let first = try await agent.putClerk(photo: small, token: Self.token)
    #expect(first.status == 200, "\(first.body)")
    let before = agent.statusKilobytes("VmHWM")

    let bomb = ZeroPNG.make(width: 6000, height: 6000)
    #expect(bomb.count < 64 * 1024, "the bomb is \(bomb.count) bytes")
    // Several at once: they are refused before any decode, so nothing piles up either.
    let answers = try await withThrowingTaskGroup(of: (status: Int, body: String).self) { group in
      for _ in 0..<4 { group.addTask { try await agent.putClerk(photo: bomb, token: Self.token) } }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    let after = agent.statusKilobytes("VmHWM")
    print(
      "PhotoBombTests: \(bomb.count)-byte 6000×6000 PNG; agent VmHWM \(before) KiB before, \(after) KiB after"
    )
    for answer in answers {
      #expect(answer.status == 413, "\(answer.body)")
      #expect(answer.body.contains("photo_too_many_pixels"), "\(answer.body)")
      #expect(answer.body.contains("6000×6000"), "\(answer.body)")
      #expect(answer.body.contains("at most \(PhotoDecoder().pixelLimit) pixels"), "\(answer.body)")
    }
    // The refused photo never reached the pixels: a 6000×6000 decode needs over 100 MB.
    #expect(after - before < 8 * 1024, "VmHWM rose from \(before) KiB to \(after) KiB")
    #expect(agent.isRunning)
    // The clerk signed in first is still on duty.
    let state = try await agent.getClerk(token: Self.token)
    #expect(state.contains(#""on_duty":true"#) && state.contains(#""photo":true"#), "\(state)")
  }
}

/// A PNG of all-black pixels (1-bit greyscale), its rows compressed by hand: a few kilobytes for
/// any size, which is what makes it a decompression bomb.
enum ZeroPNG {
  static func make(width: Int, height: Int) -> [UInt8] {
    var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    let header = be32(width) + be32(height) + [1, 0, 0, 0, 0]  // 1 bit, greyscale
    png += chunk("IHDR", header)
    // Each row: filter byte 0 and width/8 bytes of zero.
    png += chunk("IDAT", zlibZeros(height * (1 + (width + 7) / 8)))
    png += chunk("IEND", [])
    return png
  }

  /// `count` zero bytes as a zlib stream: one fixed-Huffman block of a literal 0 and then
  /// length-258, distance-1 copies.
  static func zlibZeros(_ count: Int) -> [UInt8] {
    var bits = BitWriter()
    bits.write(1, count: 1)  // the final block
    bits.write(1, count: 2)  // fixed Huffman
    bits.huffman(0x30, length: 8)  // literal 0
    var left = count - 1
    while left >= 258 {
      bits.huffman(0b1100_0101, length: 8)  // length code 285: 258
      bits.huffman(0, length: 5)  // distance code 0: 1
      left -= 258
    }
    for _ in 0..<left { bits.huffman(0x30, length: 8) }
    bits.huffman(0, length: 7)  // end of block
    // Adler-32 of zeros: a stays 1, b is the count.
    return [0x78, 0x01] + bits.bytes + be32((count % 65521) << 16 | 1)
  }

  static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
    let body = Array(type.utf8) + data
    return be32(data.count) + body + be32(Int(crc32(body)))
  }

  static func be32(_ value: Int) -> [UInt8] {
    [UInt8(value >> 24 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 8 & 0xff), UInt8(value & 0xff)]
  }

  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
    }
    return ~crc
  }

  /// Deflate's bit order: values least significant bit first, Huffman codes most significant first.
  struct BitWriter {
    var bytes: [UInt8] = []
    var used = 8

    mutating func write(_ value: Int, count: Int) {
      for index in 0..<count { bit(value >> index & 1) }
    }

    mutating func huffman(_ code: Int, length: Int) {
      for index in stride(from: length - 1, through: 0, by: -1) { bit(code >> index & 1) }
    }

    private mutating func bit(_ value: Int) {
      if used == 8 {
        bytes.append(0)
        used = 0
      }
      bytes[bytes.count - 1] |= UInt8(value << used)
      used += 1
    }
  }
}

/// The real agent on loopback with a counter token, and the clerk API as the counter system calls it.
final class HeadlessAgent: @unchecked Sendable {
  let directory =
    FileManager.default.temporaryDirectory.appendingPathComponent("ratingpad-agent-\(UUID().uuidString)").path
  let pad: PadProcess
  private(set) var port = 0

  init(counterToken: String) throws {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let config = try PadConfigurationFile(
      directory: directory, name: "ratingpad", stateDirectory: directory + "/state",
      hubTokenFile: try tokenFile(directory, "hub.token", "hub-secret-0123456789"),
      api: "counter_token_file = \"\(try tokenFile(directory, "counter.token", counterToken))\"")
    pad = try PadProcess(config: config.path, directory: directory)
  }

  var isRunning: Bool { pad.isRunning }

  /// Waits (up to 30 s) for the agent to say where its API listens.
  func waitUntilListening() async throws {
    try await eventually(within: .seconds(30), "the agent's API listening") {
      guard pad.isRunning else { throw AgentStopped(log: pad.logText) }
      return pad.port != nil
    }
    port = pad.port!
  }

  func putClerk(photo: [UInt8], token: String) async throws -> (status: Int, body: String) {
    let body = String(
      decoding: try JSONSerialization.data(withJSONObject: [
        "name": "王芳", "staff_number": "A1024", "photo": Data(photo).base64EncodedString(),
      ]), as: UTF8.self)
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/clerk")
    request.method = .PUT
    request.headers.add(name: "Authorization", value: "Bearer " + token)
    request.headers.add(name: "Content-Type", value: "application/json")
    request.body = .bytes(ByteBuffer(string: body))
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
    return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
  }

  func getClerk(token: String) async throws -> String {
    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/clerk")
    request.headers.add(name: "Authorization", value: "Bearer " + token)
    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
    return String(buffer: try await response.body.collect(upTo: 1 << 20))
  }

  func statusKilobytes(_ name: String) -> Int { pad.statusKilobytes(name) }

  func stop() {
    pad.stop()
    try? FileManager.default.removeItem(atPath: directory)
  }
}

struct AgentStopped: Error, CustomStringConvertible {
  let log: String
  var description: String { "the agent stopped: \(log.suffix(2000))" }
}
