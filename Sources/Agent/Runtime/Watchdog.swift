import RatingFlow
import RatingModel

/// systemd's watchdog, pinged from the event loop's own thread so a hung loop stops the pings and
/// gets restarted; at half the interval systemd set, as sd_watchdog_enabled(3) recommends.
struct Watchdog {
  private let systemd: SystemdNotifier
  private var nextPing: FlowInstant

  /// Pings through `systemd`, the first at once.
  init(systemd: SystemdNotifier, now: FlowInstant) {
    self.systemd = systemd
    nextPing = now
  }

  /// When the next ping is due; nil when systemd set no watchdog.
  var nextDeadline: FlowInstant? { systemd.watchdogInterval == nil ? nil : nextPing }

  /// Pings if it is time.
  mutating func pingIfDue(at now: FlowInstant) {
    guard let interval = systemd.watchdogInterval, now >= nextPing else { return }
    systemd.ping()
    nextPing = now + interval / 2
  }
}
