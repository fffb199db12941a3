import CDRM
import Glibc

/// The pad's own virtual terminal on a kiosk, held in process mode: the kernel asks the pad before
/// switching away from it and tells it when switched to (`TerminalSignals`), the way a display
/// server coordinates with the others. Owns the descriptor; automatic and text mode again on close.
final class VirtualTerminal {
  /// The terminal's number: 8 for /dev/tty8.
  let number: Int
  private let fd: Int32

  /// Opens `/dev/ttyN`, puts it in process mode with the two signals and in graphics mode (so the
  /// kernel's text console never draws on it).
  init(number: Int, releaseSignal: Int32, acquireSignal: Int32) throws(ScreenError) {
    self.number = number
    let path = "/dev/tty\(number)"
    let fd = Self.standardInput(is: path) ? dup(0) : open(path, O_RDWR | O_CLOEXEC | O_NOCTTY)
    guard fd >= 0 else {
      throw .share(
        "cannot open \(path): \(String(cString: strerror(errno))) (the service needs it: docs/kiosk.md)")
    }
    guard cvt_process_mode(fd, releaseSignal, acquireSignal) == 0 else {
      let why = String(cString: strerror(errno))
      close(fd)
      throw .share(
        "cannot put \(path) in process mode (VT_SETMODE): \(why); it must be the service's controlling terminal (TTYPath=) or the service needs CAP_SYS_TTY_CONFIG"
      )
    }
    _ = cfb_console_graphics(fd, 1)
    self.fd = fd
  }

  /// Whether standard input is `path` (systemd's TTYPath=, which also makes it the controlling
  /// terminal and hands it to the service's user).
  private static func standardInput(is path: String) -> Bool {
    guard isatty(0) == 1, let name = ttyname(0) else { return false }
    return String(cString: name) == path
  }

  deinit {
    automatic()
    _ = cfb_console_graphics(fd, 0)
    close(fd)
  }

  /// Back to automatic mode: switches away no longer wait for this process.
  func automatic() { _ = cvt_auto_mode(fd) }

  /// The terminal in front now, or nil when the kernel will not say.
  var active: Int? {
    let number = cvt_active(fd)
    return number > 0 ? Int(number) : nil
  }

  /// Whether this terminal is in front.
  var isActive: Bool { active == number }

  /// Whether terminal `number` is in process mode, i.e. whatever holds it takes part in switching;
  /// nil when this process may not look (it needs write access to the terminal: group tty).
  static func isInProcessMode(_ number: Int) -> Bool? {
    let fd = open("/dev/tty\(number)", O_WRONLY | O_CLOEXEC | O_NOCTTY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    let mode = cvt_mode(fd)
    return mode < 0 ? nil : mode == VT_PROCESS
  }

  /// Asks the kernel to bring terminal `number` to the front; the switch completes once the
  /// terminal in front lets go (at once, for one in automatic mode).
  func activate(_ number: Int) throws(ScreenError) {
    guard cvt_activate(fd, Int32(number)) == 0 else {
      throw .share("VT_ACTIVATE \(number) failed: \(String(cString: strerror(errno)))")
    }
  }

  /// Lets a switch away from this terminal go ahead (the answer to the release signal).
  func allowRelease() { _ = cvt_release(fd, 1) }

  /// Says this terminal is taken (the answer to the acquire signal).
  func acknowledgeAcquire() { _ = cvt_acknowledge_acquire(fd) }
}
