/// Decides what is a tap: a press and a release on the same target, not held too long, not
/// straight after the previous release. A press on one button released on another is nothing.
///
/// It also says what a finger is pressing while it is down (`pressing`): the target it went
/// down on, while it is over that target; nil once it slides off (sliding back on presses again,
/// as lifting there would still tap), lifts, or is cancelled. The screen shows that as the
/// pressed button; a slide never rates.
public struct TapRecognizer<Target: Hashable & Sendable>: Sendable {
  /// A contact held longer than this never taps (a leaning palm, a stuck contact).
  public var maximumHold: UInt64 = 3_000_000_000
  /// Presses this soon after a release are bounces, ignored.
  public var debounce: UInt64 = 80_000_000

  private var pressed: (target: Target?, time: UInt64)?
  private var lastRelease: UInt64?
  /// The target a finger is pressing now: the one it went down on, while it is over it.
  public private(set) var pressing: Target?

  public init() {}

  /// Feeds a decoded frame; `hit` names what a normalised point lands on. Returns a tap, if one happened.
  public mutating func feed(_ frame: ContactDecoder.Frame, hit: (Double, Double) -> Target?) -> Target? {
    switch frame {
    case .cancelled:
      pressed = nil
      pressing = nil
      return nil
    case .down(let x, let y, let time):
      if let start = pressed {
        // A move: pressed while over the target it went down on.
        pressing = start.target.flatMap { hit(x, y) == $0 ? $0 : nil }
      } else {
        if let last = lastRelease, time &- last < debounce { return nil }
        let target = hit(x, y)
        pressed = (target, time)
        pressing = target
      }
      return nil
    case .up(let x, let y, let time):
      defer {
        pressed = nil
        pressing = nil
        lastRelease = time
      }
      guard let start = pressed, let target = start.target, time &- start.time <= maximumHold,
        hit(x, y) == target
      else { return nil }
      return target
    }
  }
}
