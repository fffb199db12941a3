import Glibc
import RatingFlow
import RatingModel
import Synchronization
import Touch

/// The agent's single thread: it owns the display and input descriptors and sleeps in poll()
/// until a descriptor is ready, another thread posts work, or the flow's next deadline comes.
///
/// Networking and scripted input live on other threads and reach the pad only through `post`,
/// so the flow and the ledger writer are only ever touched here.
public final class EventLoop: Sendable {
  private let wakeFD: Int32
  private let wakeWriteFD: Int32
  private let pending = Mutex<[@Sendable () -> Void]>([])
  private let stopped = Atomic<Bool>(false)
  private let watches = Mutex<[Int32: @Sendable () -> Void]>([:])

  /// Makes a loop with its wake-up pipe.
  public init() throws(SystemCallError) {
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { throw SystemCallError(call: "pipe", errno: errno) }
    for fd in ends {
      _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
      _ = fcntl(fd, F_SETFL, O_NONBLOCK)
    }
    wakeFD = ends[0]
    wakeWriteFD = ends[1]
  }

  deinit {
    close(wakeFD)
    close(wakeWriteFD)
  }

  /// Runs `work` on the loop's thread soon; safe from any thread.
  public func post(_ work: @escaping @Sendable () -> Void) {
    pending.withLock { $0.append(work) }
    var one: UInt8 = 1
    _ = write(wakeWriteFD, &one, 1)
  }

  /// Calls `handler` on the loop's thread whenever `fd` is readable.
  public func watch(fd: Int32, handler: @escaping @Sendable () -> Void) {
    watches.withLock { $0[fd] = handler }
  }

  /// Stops watching `fd`.
  public func unwatch(fd: Int32) {
    _ = watches.withLock { $0.removeValue(forKey: fd) }
  }

  /// Makes `run` return after the current turn; safe from any thread.
  public func stop() {
    stopped.store(true, ordering: .sequentiallyConsistent)
    post {}
  }

  /// Runs until `stop`; `nextDeadline` says when to wake without any event, `onWake` runs every turn.
  public func run(nextDeadline: () -> FlowInstant?, onWake: (FlowInstant) -> Void) {
    while !stopped.load(ordering: .sequentiallyConsistent) {
      let handlers = watches.withLock { $0 }
      var fds = [pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
      fds += handlers.keys.sorted().map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
      let ready = poll(&fds, nfds_t(fds.count), timeoutMilliseconds(until: nextDeadline()))
      if ready > 0 {
        if fds[0].revents != 0 {
          var drain = [UInt8](repeating: 0, count: 256)
          while read(wakeFD, &drain, drain.count) > 0 {}
        }
        for entry in fds.dropFirst() where entry.revents != 0 { handlers[entry.fd]?() }
      }
      for work in pending.withLock({ queue in
        defer { queue.removeAll() }; return queue
      }) { work() }
      onWake(MonotonicClock.now())
    }
  }

  private func timeoutMilliseconds(until deadline: FlowInstant?) -> Int32 {
    guard let deadline else { return -1 }
    let now = MonotonicClock.now()
    guard deadline > now else { return 0 }
    // Round up so the loop never wakes a hair early and spins.
    let milliseconds = ((deadline - now).nanoseconds + 999_999) / 1_000_000
    return Int32(min(milliseconds, UInt64(Int32.max)))
  }
}

/// A failed system call, with the errno text.
public struct SystemCallError: Error, CustomStringConvertible {
  /// The call that failed.
  public let call: String
  /// Its errno.
  public let errno: Int32

  /// Makes an error.
  public init(call: String, errno: Int32) {
    self.call = call
    self.errno = errno
  }

  public var description: String { "\(call) failed: \(String(cString: strerror(errno)))" }
}

/// Touch panels are read on the loop.
extension EventLoop: DescriptorWatching {}
