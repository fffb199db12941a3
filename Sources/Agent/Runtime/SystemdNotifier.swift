import CSystemd

/// Tells systemd (Type=notify) when the pad is ready and that its event loop is alive.
///
/// Outside systemd (no NOTIFY_SOCKET) every call is a no-op, so the same binary runs by hand.
public struct SystemdNotifier: Sendable {
  /// How often systemd expects a ping, if it set a watchdog.
  public let watchdogInterval: Duration?

  /// Reads the watchdog settings systemd passed in the environment.
  public init() {
    var microseconds: UInt64 = 0
    watchdogInterval = sd_watchdog_enabled(0, &microseconds) > 0 ? .microseconds(Int64(microseconds)) : nil
  }

  /// READY=1: the first frame is up and the pad accepts prompts.
  public func ready(status: String) {
    _ = sd_notify(0, "READY=1\nSTATUS=\(status)")
  }

  /// WATCHDOG=1, sent from the event loop itself so a hung loop stops the pings and gets restarted.
  public func ping() {
    _ = sd_notify(0, "WATCHDOG=1")
  }

  /// STATUS=…: a line shown by `systemctl status`.
  public func status(_ text: String) {
    _ = sd_notify(0, "STATUS=\(text)")
  }
}
