import Glibc

/// What went wrong with the screen, named for the technician.
public enum ScreenError: Error, CustomStringConvertible {
  case png(path: String, reason: String)
  case badSize(String)
  case unknownScreen(String)
  case noDisplay(String)
  case drm(call: String, errno: Int32)
  /// Another program is DRM master (a second agent, a console, a test tool): nothing can be shown.
  case notMaster(String)
  /// The connector reports no panel attached.
  case disconnected(String)
  case qrCode(String)
  /// The screen could not be taken from (or given back to) a kiosk's own application.
  case share(String)

  public var description: String {
    switch self {
    case .png(let path, let reason): "cannot write \(path): \(reason)"
    case .badSize(let text): "'\(text)' is not a screen size like 1280x800"
    case .unknownScreen(let name):
      "unknown screen '\(name)' (expected one of \(ScreenContent.sampleNames.joined(separator: ", ")))"
    case .noDisplay(let why): "no display: \(why)"
    case .drm(let call, let errno): "\(call) failed: \(String(cString: strerror(errno)))"
    case .notMaster(let path): "another program holds \(path) (DRM master); retrying until it lets go"
    case .disconnected(let path): "\(path): the panel is disconnected"
    case .qrCode(let why): why
    case .share(let why): why
    }
  }
}
