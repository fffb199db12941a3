import Glibc

/// What went wrong with the screen, named for the technician.
public enum ScreenError: Error, CustomStringConvertible {
  case png(path: String, reason: String)
  case badSize(String)
  case unknownScreen(String)
  case noDisplay(String)
  case drm(call: String, errno: Int32)
  case qrCode(String)

  public var description: String {
    switch self {
    case .png(let path, let reason): "cannot write \(path): \(reason)"
    case .badSize(let text): "'\(text)' is not a screen size like 1280x800"
    case .unknownScreen(let name):
      "unknown screen '\(name)' (expected one of \(ScreenContent.sampleNames.joined(separator: ", ")))"
    case .noDisplay(let why): "no display: \(why)"
    case .drm(let call, let errno): "\(call) failed: \(String(cString: strerror(errno)))"
    case .qrCode(let why): why
    }
  }
}
