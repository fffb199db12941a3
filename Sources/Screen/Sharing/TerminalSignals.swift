import Glibc
import Synchronization

/// The kernel's requests for the pad's terminal, SIGUSR1 (let go) and SIGUSR2 (taken), as bytes
/// on a pipe the event loop polls: a signal handler may do little more than write(2).
final class TerminalSignals {
  /// The signal the kernel sends before switching away from the pad's terminal.
  static let release = SIGUSR1
  /// The signal it sends once the pad's terminal is in front.
  static let acquire = SIGUSR2

  /// The pipe's end to poll.
  let fileDescriptor: Int32
  private let writeEnd: Int32

  /// Makes the pipe and routes both signals into it (one process has one such route).
  init() throws(ScreenError) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else {
      throw .share("pipe for the terminal's signals: \(String(cString: strerror(errno)))")
    }
    for fd in ends {
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      _ = fcntl(fd, F_SETFL, O_NONBLOCK)
    }
    fileDescriptor = ends[0]
    writeEnd = ends[1]
    terminalSignalPipe.store(writeEnd, ordering: .sequentiallyConsistent)
    for signal in [Self.release, Self.acquire] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = forwardTerminalSignal
      action.sa_flags = SA_RESTART
      sigemptyset(&action.sa_mask)
      sigaction(signal, &action, nil)
    }
  }

  deinit {
    for signal in [Self.release, Self.acquire] { Glibc.signal(signal, SIG_IGN) }
    terminalSignalPipe.store(-1, ordering: .sequentiallyConsistent)
    close(fileDescriptor)
    close(writeEnd)
  }

  /// The signals received since the last call, in order.
  func drain() -> [Int32] {
    var bytes = [UInt8](repeating: 0, count: 64)
    var signals: [Int32] = []
    while true {
      let count = read(fileDescriptor, &bytes, bytes.count)
      guard count > 0 else { return signals }
      signals += bytes[0..<count].map { Int32($0) }
    }
  }
}

/// Where the handler writes; -1 when no `TerminalSignals` is alive.
private let terminalSignalPipe = Atomic<Int32>(-1)

private func forwardTerminalSignal(_ signal: Int32) {
  let fd = terminalSignalPipe.load(ordering: .relaxed)
  guard fd >= 0 else { return }
  var byte = UInt8(truncatingIfNeeded: signal)
  _ = write(fd, &byte, 1)
}
