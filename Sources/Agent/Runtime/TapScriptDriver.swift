import Foundation
import RatingFlow
import RatingModel
import Synchronization

/// Plays a tap script as counter system and citizen on a thread of its own, handing each step to
/// the event loop, as the network and the touch panel would.
final class TapScriptDriver: Sendable {
  private let script: TapScript
  private let finished = Atomic<Bool>(false)

  /// Plays `script`.
  init(script: TapScript) { self.script = script }

  /// Whether every step has reached the loop.
  var isFinished: Bool { finished.load(ordering: .sequentiallyConsistent) }

  /// Starts playing: `open` gets each prompt's transaction (nil for a free rating), `tap` each
  /// tap, both on `loop`'s thread; the waits are the script's own.
  func start(
    on loop: EventLoop, open: @escaping @Sendable (Transaction?) -> Void,
    tap: @escaping @Sendable (TapTarget) -> Void
  ) {
    let thread = Thread { [self] in
      for step in script.steps {
        switch step {
        case .wait(let duration): Thread.sleep(forTimeInterval: Double(duration.nanoseconds) / 1e9)
        case .open(let transaction): loop.post { open(transaction) }
        case .openFree: loop.post { open(nil) }
        case .tap(let target): loop.post { tap(target) }
        }
      }
      loop.post { self.finished.store(true, ordering: .sequentiallyConsistent) }
    }
    thread.start()
  }
}
