/// Calls back when a descriptor is readable: the agent's event loop, which owns the poll().
public protocol DescriptorWatching: AnyObject, Sendable {
  /// Calls `handler` on the loop's thread whenever `fd` is readable.
  func watch(fd: Int32, handler: @escaping @Sendable () -> Void)
  /// Stops watching `fd`.
  func unwatch(fd: Int32)
}
