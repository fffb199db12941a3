import Glibc

/// A system call about touch input that failed, with the reason the kernel gave.
public struct TouchError: Error, CustomStringConvertible {
  public let description: String

  static func system(_ call: String, _ code: Int32) -> TouchError {
    TouchError(description: "\(call): \(String(cString: strerror(code)))")
  }
}
