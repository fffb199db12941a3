import Foundation
import SyncProtocol
import SyncTestSupport
import TestSupport
import Testing

@testable import Hub

/// A fuzz run of what the hub reads from outside: a real pad's page, mutated a few thousand ways
/// (bytes flipped, numbers made extreme, cut short, repeated), read as a push or a pull answer is
/// (`RecordPage(jsonBytes:)`) and handed to the intake. Every case ends in a page stored or a
/// refusal, never a trap; the run is seeded, so a failure repeats.
@Suite struct PageFuzzTests {
  static let cases = 10_000

  @Test func mutatedPagesAreReadOrRefusedAndNeverCrashTheIntake() async throws {
    let pad = try TestPad()
    try pad.rate(12)
    let originalPage = try await pad.sync.page(after: 0, limit: 12)
    let original = originalPage.jsonBytes()
    let originalRecords = Dictionary(uniqueKeysWithValues: originalPage.records.map { ($0.seq, $0) })
    var altered = 0
    var unverifiedSignatures = 0
    // A hub that flagged the device refuses its later pages at once: each case after a flag gets a
    // fresh hub, so every case reaches the chain's verifier.
    func freshHub(_ number: Int) async throws -> (SQLHubStore, HubIntake) {
      let store = try SQLHubStore(sqlitePath: pad.directory + "/fuzz-hub-\(number).sqlite")
      try await store.prepare()
      try await store.enrol(pad.card, name: "window-fuzz")
      return (store, HubIntake(store: store, logger: quietLogger, overtakenPageWait: .zero))
    }
    var hubs = 0
    var (store, intake) = try await freshHub(hubs)
    var stored = 0
    var random = SplitMix64(seed: 20_261_205)
    var outcomes: [String: Int] = [:]
    for _ in 0..<Self.cases {
      let bytes = Self.mutate(original, &random)
      let outcome: String
      do {
        let page = try RecordPage(jsonBytes: bytes)
        do {
          _ = try await intake.accept(page, from: pad.card.fingerprint)
          outcome = "accepted"
        } catch {
          outcome = "refused by the intake (\(Self.kind(of: error)))"
        }
      } catch {
        outcome = "refused as a page (\(type(of: error)))"
      }
      outcomes[outcome, default: 0] += 1
      // What the hub stored is the pad's records exactly, whatever the mutation touched, but for
      // the signatures of a page's records before its last, which the hub reads for form only.
      if outcome == "accepted" {
        for stored in try await store.records(kinds: ["boot", "rating", "reasons", "suspect_press"]) {
          guard var pads = originalRecords[stored.record.seq] else { continue }
          if stored.record != pads {
            pads.signature = stored.record.signature
            if stored.record == pads { unverifiedSignatures += 1 } else { altered += 1 }
          }
        }
      }
      if outcome.contains("chainBroken") {
        stored += try await store.count()
        hubs += 1
        (store, intake) = try await freshHub(hubs)
      }
    }
    let summary = outcomes.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
    print("page fuzz: \(Self.cases) mutated pages: \(summary)")
    #expect(outcomes.values.reduce(0, +) == Self.cases)
    #expect(outcomes.keys.contains { $0.hasPrefix("refused as a page") })
    #expect(outcomes.keys.contains { $0.hasPrefix("refused by the intake") })
    // Nothing a refused page carried was stored: the hub holds records only from accepted pages.
    stored += try await store.count()
    print(
      "page fuzz: \(hubs + 1) hubs, \(stored) records stored, \(altered) of them not the pad's, "
        + "\(unverifiedSignatures) with a signature of the right form that is not the pad's")
    #expect(altered == 0)
    #expect(stored == 0 || outcomes["accepted", default: 0] > 0, "\(stored) records stored")
  }

  private static func kind(of error: any Error) -> String {
    guard let refusal = error as? IntakeRefusal else { return "\(type(of: error))" }
    return Mirror(reflecting: refusal).children.first?.label ?? "\(refusal)"
  }

  /// One to three mutations of `bytes`.
  static func mutate(_ bytes: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
    var result = bytes
    for _ in 0...Int(random.next() % 3) where !result.isEmpty {
      let at = Int(random.next() % UInt64(result.count))
      switch random.next() % 6 {
      case 0: result[at] ^= UInt8(1 << (random.next() % 8))
      case 1:
        let syntax = Array("{}[]\",:0-9e.\\ ".utf8)
        result[at] = syntax[Int(random.next() % UInt64(syntax.count))]
      case 2: result = Array(result[..<at])
      case 3:
        let length = min(result.count - at, Int(random.next() % 64) + 1)
        result.insert(contentsOf: result[at..<(at + length)], at: at)
      default:
        // A run of digits made extreme: the numbers the verifier and the clock rules must survive.
        guard let start = result[at...].firstIndex(where: { (48...57).contains($0) }) else { continue }
        let end = result[start...].firstIndex { !(48...57).contains($0) } ?? result.endIndex
        let extremes = [
          "9223372036854775807", "9223372036854775808", "-9223372036854775808", "0", "-1",
          "9007199254740993", "1e308", "99999999999999999999999999999999", "1.5",
        ]
        result.replaceSubrange(
          start..<end, with: Array(extremes[Int(random.next() % UInt64(extremes.count))].utf8))
      }
    }
    return result
  }
}
