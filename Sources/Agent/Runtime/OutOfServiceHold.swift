import Foundation
import Logging
import RatingFlow
import Screen

/// A pad that cannot rate at all (its device key is lost: nothing could be signed) stays up out
/// of service instead of exiting: exiting would have systemd start it again every second, for
/// ever, with a blank screen. The screen says out of service with the fault's code, systemd's
/// status names the fault and the way on, and the watchdog is fed, until the pad is stopped (after
/// `ratingpad rekey`, a restart).
struct OutOfServiceHold {
  let fault: FaultCode
  let remedy: String
  let logger: Logger

  /// Shows the fault (already logged) unless `headless`, and holds until SIGTERM, SIGINT or SIGHUP.
  func run(configuration: AgentConfiguration, headless: Bool) {
    // Kept open while holding: closing it would give the screen back to the console.
    var display: DRMDisplay?
    if !headless {
      do {
        let opened = try configuration.openDisplay()
        try opened.show { canvas in
          Painter(language: configuration.language).paint(.outOfService(fault: fault.code), on: canvas)
        }
        display = opened
      } catch {
        logger.error("\(FaultCode.display("\(error)").logLine)")
      }
    }
    let systemd = SystemdNotifier()
    systemd.ready(status: "\(fault.summary); \(remedy)")
    logger.notice("out of service until stopped: \(remedy)")
    var signals = sigset_t()
    sigemptyset(&signals)
    for signal in [SIGTERM, SIGINT, SIGHUP] { sigaddset(&signals, signal) }
    pthread_sigmask(SIG_BLOCK, &signals, nil)
    let tick = systemd.watchdogInterval.map { $0 / 2 } ?? .seconds(5)
    var wait = timespec(
      tv_sec: Int(tick.components.seconds), tv_nsec: Int(tick.components.attoseconds / 1_000_000_000))
    while true {
      systemd.ping()
      let caught = sigtimedwait(&signals, nil, &wait)
      if caught > 0 {
        logger.notice("stopped by signal \(caught), still out of service")
        break
      }
    }
    withExtendedLifetime(display) {}
  }
}
