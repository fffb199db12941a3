import ArgumentParser
import Foundation
import Logging
import RatingModel
import SyncProtocol

/// `ratingpad-hub bench report` (the default of `bench`): how long a city's report takes over a store of a million ratings.
///
/// The store is filled (once: a store already filled by the bench is reused) with synthetic,
/// unsigned records of `pads` pads through the store's own append path, spread over 2026; then a
/// month's report by window and by staff is timed. Only an empty database, or one the bench filled,
/// is accepted: the records are not real ratings.
struct ReportBenchmark: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Fill a scratch database with a city's ratings (once) and time a month's report.")
  @OptionGroup var database: HubCommand.DatabaseOption
  @Option(help: "How many pads.") var pads: Int = 1000
  @Option(help: "Ratings per pad (1,000 per pad for 1,000 pads: a million).") var ratingsPerPad: Int = 1000
  @Option(help: "The month to report.") var month: String = "2026-11"

  func run() async throws {
    guard pads > 0, ratingsPerPad > 0 else {
      throw ValidationError("--pads and --ratings-per-pad must be positive")
    }
    let period: ReportPeriod
    do { period = try ReportPeriod.month(month) } catch { throw ValidationError(error.description) }
    let store = try await database.open()
    let devices = try await store.devices()
    if devices.contains(where: { !$0.name.hasPrefix(Self.prefix) }) {
      throw ValidationError("\(database.database) holds real pads: the bench fills only a scratch database")
    }
    let wanted = pads * ratingsPerPad
    let stored = try await store.count()
    if stored != wanted {
      guard stored == 0 else {
        throw ValidationError(
          "\(database.database) holds \(stored) bench records, not \(wanted): use a fresh one")
      }
      let start = ContinuousClock.now
      try await fill(store)
      print("filled \(wanted) ratings of \(pads) pads in \(ContinuousClock.now - start)")
    }
    for dimension in [SatisfactionReport.Dimension.window, .staff] {
      var times: [Duration] = []
      var report: SatisfactionReport?
      for _ in 0..<5 {
        let start = ContinuousClock.now
        report = try await SatisfactionReport.make(from: store, by: dimension, period: period)
        times.append(ContinuousClock.now - start)
      }
      let ratings = report?.rows.reduce(0) { $0 + $1.total } ?? 0
      print(
        "report of \(month) by \(dimension.rawValue) over \(wanted) stored ratings: \(ratings) ratings in "
          + "\(report?.rows.count ?? 0) units, \(report?.bad.count ?? 0) bad; best \(times.min()!), worst \(times.max()!)"
          + "  [target < 2 s]")
    }
  }

  private static let prefix = "bench-"

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
            "service_item_name":"","staff_number":"S\(pad)-\(index % 3)","window":"\(card.window)","department":"",\
            "stage":"finished"},"level":"\(level.rawValue)","reasons":[],"channel":"window_pad","hash":"","signature":""}
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
