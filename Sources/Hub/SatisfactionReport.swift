import RatingModel
import SyncProtocol

/// Satisfaction per hall, window, staff member, service item or department, scored as the halls score it:
/// 5/4/3/2/1 points, averaged over the count and scaled to 100; a unit with no ratings scores as
/// 基本满意 (60). Suspect presses are not ratings and are not counted. A period keeps the ratings
/// made in it (by the hub's calendar); each bad rating carries its follow-up deadlines.
public struct SatisfactionReport: Sendable {
  /// What the rows are grouped by.
  public enum Dimension: String, CaseIterable, Sendable {
    case hall, window, staff, department
    case serviceItem = "service_item"
  }

  /// One unit's figures.
  public struct Row: Sendable, Equatable {
    /// The hall, window, staff number or service item code.
    public var unit: String
    /// Ratings by level.
    public var counts: [SatisfactionLevel: Int]
    /// Ratings in all.
    public var total: Int { counts.values.reduce(0, +) }
    /// Bad ratings (不满意 and 非常不满意).
    public var bad: Int { counts.filter { $0.key.isBad }.values.reduce(0, +) }
    /// The weighted score out of 100.
    public var score: Double {
      guard total > 0 else { return Double(SatisfactionLevel.basicallySatisfied.points) * 20 }
      let points = counts.reduce(0) { $0 + $1.key.points * $1.value }
      return Double(points) / Double(total * 5) * 100
    }
  }

  /// A bad rating with the reasons the citizen gave, for follow-up.
  public struct BadRating: Sendable, Equatable {
    public var device: String
    public var record: WireRecord
    public var hall: String
    public var reasons: [String]
    /// When it must be followed up.
    public var followUp: FollowUp
    /// The hub's time of the rating (corrected when the pad's clock was unknown).
    public var wallMilliseconds: Int64 = 0
    /// How that time stands.
    public var clock: ClockCorrection.Standing = .unmarked
  }

  /// Rows sorted by unit.
  public let rows: [Row]
  /// Every bad rating, oldest first.
  public let bad: [BadRating]
  /// The days the report covers; nil: everything stored.
  public let period: ReportPeriod?
  /// The time the report is made at (milliseconds since the epoch), to say which follow-ups are
  /// overdue; nil: not judged.
  public let now: Int64?

  /// Builds the report from a store's aggregates: `tallies` counted by device, level and the
  /// dimension's value, the period's `bad` ratings and the `reasons` that may name them. `devices`
  /// supply each device's hall and window, and units with no ratings still appear (scoring 60).
  /// `calendar` gives the working days of the follow-up deadlines.
  public init(
    tallies: [RatingTally], bad: [StoredRecord], reasons: [StoredRecord], devices: [EnrolledDevice],
    by dimension: Dimension, period: ReportPeriod? = nil, calendar: FollowUpCalendar = FollowUpCalendar(),
    now: Int64? = nil
  ) {
    self.period = period
    self.now = now
    let cards = Dictionary(devices.map { ($0.fingerprint, $0.card) }, uniquingKeysWith: { first, _ in first })
    var counts: [String: [SatisfactionLevel: Int]] = [:]
    if dimension == .hall || dimension == .window {
      for card in cards.values { counts[Self.unit("", card: card, by: dimension), default: [:]] = [:] }
    }
    for tally in tallies {
      counts[Self.unit(tally.key, card: cards[tally.device], by: dimension), default: [:]][
        tally.level, default: 0] +=
        tally.count
    }
    var given: [String: [String]] = [:]
    for stored in reasons {
      if let prompt = stored.record.promptID { given[stored.device + "/" + prompt] = stored.record.reasons }
    }
    rows = counts.map { Row(unit: $0.key, counts: $0.value) }.sorted { $0.unit < $1.unit }
    self.bad = bad.map { stored in
      BadRating(
        device: stored.device, record: stored.record, hall: cards[stored.device]?.hall ?? "",
        reasons: stored.record.promptID.flatMap { given[stored.device + "/" + $0] } ?? [],
        followUp: calendar.followUp(ofRatingAt: stored.wallMilliseconds),
        wallMilliseconds: stored.wallMilliseconds,
        clock: stored.clock)
    }
  }

  /// The report of `store`'s ratings by `dimension` in `period`: counted by the store (SQL), so
  /// only the tallies and the period's bad ratings are read.
  public static func make(
    from store: any HubStore, by dimension: Dimension, period: ReportPeriod? = nil,
    calendar: FollowUpCalendar = FollowUpCalendar(), now: Int64? = nil
  ) async throws -> SatisfactionReport {
    let bad = try await store.badRatings(in: period)
    return SatisfactionReport(
      tallies: try await store.tallies(by: dimension, in: period), bad: bad.ratings, reasons: bad.reasons,
      devices: try await store.devices(), by: dimension, period: period, calendar: calendar, now: now)
  }

  /// The unit a rating counts for: the device card's hall, the hall and window (the transaction's
  /// window, else the card's), or the transaction's staff number, service item or department.
  private static func unit(_ key: String, card: DeviceCard?, by dimension: Dimension) -> String {
    let value: String? =
      switch dimension {
      case .hall: card?.hall
      case .window: [card?.hall ?? "", key.nonEmpty ?? card?.window ?? ""].joined(separator: " / ")
      case .staff, .serviceItem: key
      case .department: key.nonEmpty ?? card?.department
      }
    return value?.nonEmpty ?? "(none)"
  }

  /// The report as a text table, then the bad ratings.
  public var text: String {
    var lines = period.map { ["period: \($0)"] } ?? []
    lines += [
      "unit\tratings\t" + SatisfactionLevel.allCases.map(\.rawValue).joined(separator: "\t") + "\tscore"
    ]
    for row in rows {
      let levels = SatisfactionLevel.allCases.map { String(row.counts[$0] ?? 0) }.joined(separator: "\t")
      lines.append("\(row.unit)\t\(row.total)\t\(levels)\t\(String(format2: row.score))")
    }
    lines.append("")
    let overdue = now.map { now in bad.filter { $0.followUp.contactOverdue(now: now) }.count }
    lines.append("bad ratings (差评): \(bad.count)" + (overdue.map { ", \($0) overdue for contact" } ?? ""))
    for entry in bad {
      let record = entry.record
      let followUp = entry.followUp
      let late = now.map { followUp.contactOverdue(now: $0) } == true ? " OVERDUE" : ""
      lines.append(
        "  \(entry.hall) seq \(record.seq) \(CivilDate(wallMilliseconds: entry.wallMilliseconds))"
          + (entry.clock == .corrected
            ? " (time corrected)" : entry.clock == .uncorrected ? " (clock unknown)" : "")
          + " \(record.level ?? "") transaction \(record.transaction?.number ?? "-")"
          + " staff \(record.transaction?.staffNumber.nonEmpty ?? "-") reasons: "
          + (entry.reasons.isEmpty ? "(none given)" : entry.reasons.joined(separator: ", "))
          + "; contact by \(followUp.contact)\(late), fix by \(followUp.simpleFix) (simple)"
          + " or \(followUp.complexFix) (complex)")
    }
    return lines.joined(separator: "\n")
  }
}

extension String {
  var nonEmpty: String? { isEmpty ? nil : self }

  init(format2 value: Double) {
    let hundredths = Int((value * 100).rounded())
    let fraction = hundredths % 100
    self = "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
  }
}
