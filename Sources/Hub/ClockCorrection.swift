import SyncProtocol

/// The hub's rule for records a pad wrote while its wall clock was unknown: the wall time is
/// derived from a later record of the same boot whose clock was known, by the monotonic clock
/// both carry (wall = known wall − monotonic difference). The pad's record is never changed; the
/// hub stores its own time beside the pad's stamp. A record with no such later record is left
/// marked, never guessed.
public enum ClockCorrection {
  /// How the hub's time of a stored record stands.
  public enum Standing: String, Sendable, Equatable, CaseIterable {
    /// The pad's clock was known: the hub's time is the pad's stamp.
    case known
    /// The pad's clock was unknown and no later known record of its boot has arrived (yet): the
    /// hub's time is the pad's stamp, and it is not to be trusted.
    case uncorrected
    /// The pad's clock was unknown; the hub derived the time from a later record of the boot.
    case corrected
    /// A record from before pads said whether their clock was known: the pad's stamp.
    case unmarked

    /// How a record stands when it arrives.
    public init(arriving record: WireRecord) {
      switch record.clockKnown {
      case true?: self = .known
      case false?: self = .uncorrected
      case nil: self = .unmarked
      }
    }
  }

  /// A record's times, as the rule needs them.
  public struct Stamp: Sendable, Equatable {
    public var seq: Int64
    public var bootID: String
    public var monotonicNanoseconds: Int64
    public var wallMilliseconds: Int64

    /// Makes a stamp.
    public init(seq: Int64, bootID: String, monotonicNanoseconds: Int64, wallMilliseconds: Int64) {
      self.seq = seq
      self.bootID = bootID
      self.monotonicNanoseconds = monotonicNanoseconds
      self.wallMilliseconds = wallMilliseconds
    }

    /// The stamp of a record as it arrived.
    public init(_ record: WireRecord) {
      self.init(
        seq: record.seq, bootID: record.bootID, monotonicNanoseconds: record.monotonicNanoseconds,
        wallMilliseconds: record.wallMilliseconds)
    }
  }

  /// The corrected wall time (milliseconds) of each of `unknown` that a record of `known` can
  /// correct, by seq: the nearest known record of the same boot at or after it on the monotonic
  /// clock (the nearest, so a clock stepped later in the boot cannot reach back). Records of a
  /// boot with no later known record are left out: they stay uncorrected.
  public static func corrections(unknown: [Stamp], known: [Stamp]) -> [Int64: Int64] {
    var byBoot: [String: [Stamp]] = [:]
    for stamp in known { byBoot[stamp.bootID, default: []].append(stamp) }
    for boot in byBoot.keys {
      byBoot[boot]!.sort { ($0.monotonicNanoseconds, $0.seq) < ($1.monotonicNanoseconds, $1.seq) }
    }
    var result: [Int64: Int64] = [:]
    for record in unknown {
      guard let candidates = byBoot[record.bootID] else { continue }
      // The first known stamp no earlier than the record on the monotonic clock.
      var low = 0
      var high = candidates.count
      while low < high {
        let middle = (low + high) / 2
        if candidates[middle].monotonicNanoseconds < record.monotonicNanoseconds {
          low = middle + 1
        } else {
          high = middle
        }
      }
      guard low < candidates.count else { continue }
      let reference = candidates[low]
      result[record.seq] =
        reference.wallMilliseconds - (reference.monotonicNanoseconds - record.monotonicNanoseconds)
        / 1_000_000
    }
    return result
  }

  /// The boots with a known record in `records`: their earlier records may now be corrected.
  static func boots(learnedIn records: [WireRecord]) -> Set<String> {
    Set(records.filter { $0.clockKnown == true }.map(\.bootID))
  }
}
