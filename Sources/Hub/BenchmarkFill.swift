import ArgumentParser
import Foundation
import RatingModel
import SyncProtocol

/// The benchmarks' city: `pads` pads of 20 windows a hall, each with `ratingsPerPad` synthetic,
/// unsigned ratings spread over 2026, three staff numbers and ten departments, stored through the
/// store's own append path (the uplink's outbox fills with them as it would). Filled once: a store
/// the bench filled already is reused; any other store is refused (the records are not real).
struct BenchmarkFill: Sendable {
  let pads: Int
  let ratingsPerPad: Int

  /// The bench pads' names start so, which tells a scratch database from a real one.
  static let prefix = "bench-"

  /// Fills `store` (named `name` in messages) unless it holds the city already; returns the
  /// number of ratings it holds.
  func prepare(_ store: any HubStore, named name: String) async throws -> Int {
    let devices = try await store.devices()
    if devices.contains(where: { !$0.name.hasPrefix(Self.prefix) }) {
      throw ValidationError("\(name) holds real pads: the bench fills only a scratch database")
    }
    let wanted = pads * ratingsPerPad
    let stored = try await store.count()
    if stored != wanted {
      guard stored == 0 else {
        throw ValidationError("\(name) holds \(stored) bench records, not \(wanted): use a fresh one")
      }
      let start = ContinuousClock.now
      try await fill(store)
      print("filled \(wanted) ratings of \(pads) pads in \(ContinuousClock.now - start)")
    }
    return wanted
  }

  /// The department of a bench pad's transactions.
  static func department(ofPad pad: Int) -> String { "D\(pad % 10)" }

  /// Every pad's records, a thousand a transaction, through the store's append.
  private func fill(_ store: any HubStore) async throws {
    let year = CivilDate(year: 2026, month: 1, day: 1)!.startMilliseconds
    let span: Int64 = 365 * 86_400_000
    for pad in 0..<pads {
      let fingerprint = String(format: "bench%059d", pad)
      let card = DeviceCard(
        fingerprint: fingerprint, publicKey: "", areaCode: "640181", department: "区政务服务中心",
        hall: "政务服务大厅 \(pad / 20)", window: "\(pad % 20 + 1)", channel: "window_pad", channelCode: 4,
        software: "bench")
      try await store.enrol(card, name: Self.prefix + fingerprint)
      var seq: Int64 = 0
      while seq < ratingsPerPad {
        let batch = try (seq..<min(Int64(ratingsPerPad), seq + 1000)).map { index in
          let level = SatisfactionLevel.allCases[Int((index * 7 + Int64(pad)) % 10 < 6 ? 0 : index % 5)]
          let wall = year + span * (index + 1) / Int64(ratingsPerPad + 1) + Int64(pad) * 1000
          // A record as a pad would send it, less the hash and signature (the store checks neither).
          let body = """
            {"seq":\(index + 1),"uuid":"\(UUID().uuidString.lowercased())","kind":"rating","wall_ms":\(wall),\
            "utc_offset_seconds":28800,"boot_id":"bench","monotonic_ns":\(index),"prompt_id":"p\(index)",\
            "source":"counter","transaction":{"number":"BJ-\(pad)-\(index)","service_item_code":"ITEM-\(index % 50)",\
            "service_item_name":"","staff_number":"S\(pad)-\(index % 3)","window":"\(card.window)",\
            "department":"\(Self.department(ofPad: pad))","stage":"finished"},"level":"\(level.rawValue)",\
            "reasons":[],"channel":"window_pad","hash":"","signature":""}
            """
          let record = try HubJSON.record(body)
          return StoredRecord(device: fingerprint, record: record, body: body)
        }
        let head = seq + Int64(batch.count)
        guard try await store.append(batch, device: fingerprint, from: seq, head: head, hash: "") else {
          throw ValidationError("the store refused bench records of \(fingerprint) at seq \(seq)")
        }
        seq = head
      }
    }
  }
}
