import CDRM
import Glibc

/// The kernel's text console switched to graphics mode (KDSETMODE) while the frame buffer shows
/// the pad, so that its cursor and messages do not draw over it; text mode again on exit.
/// Nil where this process may not (the console belongs to root and group tty).
final class ConsoleGraphicsMode {
  private let fd: Int32

  init?() {
    let fd = open("/dev/tty0", O_RDWR | O_CLOEXEC | O_NOCTTY)
    guard fd >= 0 else { return nil }
    guard cfb_console_graphics(fd, 1) == 0 else {
      close(fd)
      return nil
    }
    self.fd = fd
  }

  deinit {
    _ = cfb_console_graphics(fd, 0)
    close(fd)
  }
}
