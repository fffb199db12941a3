import Foundation
import Glibc

/// The panel, driven straight through the kernel: no display server. Probes the DRM device,
/// connector, mode and CRTC (`DRMProbe`), and shows frames through a `Display` over dumb buffers
/// and page flips (`DRMScanout`: atomic where the driver offers it, legacy otherwise); the CRTC it
/// took over is restored when the display goes. Where no DRM device has a display, or
/// `[screen] device` names `/dev/fbN`, the same `Display` copies frames into the kernel frame
/// buffer instead (`FBDevScanout`).
///
/// When another program is DRM master, showing fails with `.notMaster` and the caller retries;
/// an unplugged connector turns the CRTC off, and its return sets the mode with a full redraw.
public final class DRMDisplay {
  /// The state machine that shows frames on it.
  public let display: Display
  /// The panel's size in pixels (before software rotation).
  public let width: Int
  public let height: Int
  /// The device path opened: `/dev/dri/card0`, or `/dev/fb0`.
  public let path: String
  /// The connector in use, as the kernel names it: `Virtual-1`, `HDMI-A-1`; for a frame buffer,
  /// its driver's name (`VESA VGA`).
  public let connectorName: String
  /// How frames reach the panel: atomic, legacy or fbdev.
  public let output: OutputPath
  /// Why that path, and what it cannot do, for the log: one line.
  public let outputDetail: String
  /// A warning for the log about the path (fbdev: no page flips), if there is one.
  public let outputWarning: String?
  /// The DRM side, when frames go through DRM (for asking about master).
  private let scanout: DRMScanout?

  /// Opens the display; `path` pins a device (`/dev/dri/cardN` or `/dev/fbN`), otherwise the
  /// first primary DRM node with KMS resources, else `/dev/fb0`. At most `frameBuffers` buffers
  /// are kept (fewer if the device has no room for more). `connector` picks one by name
  /// (`HDMI-A-1`) and `mode` one of its modes (`1280x800`, or `1280x800@60`) instead of the
  /// defaults; `modesetting` may turn atomic modesetting down.
  public init(
    path: String? = nil, connector: String? = nil, mode: String? = nil,
    rotation: Rotation = .none, fontFamily: String = Painter.defaultFont, frameBuffers: Int = 8,
    modesetting: ModesettingChoice = .auto
  )
    throws(ScreenError)
  {
    let backend: any FrameBackend
    if let path, Self.isFrameBuffer(path) {
      let frameBuffer = try FBDevScanout(path: path, mode: mode, rotation: rotation, fontFamily: fontFamily)
      backend = frameBuffer
      connectorName = frameBuffer.driverID
    } else {
      do {
        let probe = try DRMProbe(path: path, connector: connector, mode: mode)
        backend = DRMScanout(
          probe: probe, rotation: rotation, fontFamily: fontFamily, modesetting: modesetting)
        connectorName = probe.connectorName
      } catch {
        // No DRM device with a display: the kernel's frame buffer (VESA, EFI) is the panel.
        guard case .noDisplay(let why) = error, path == nil, let fallback = Self.plainFrameBuffer() else {
          throw error
        }
        let frameBuffer: FBDevScanout
        do {
          frameBuffer = try FBDevScanout(
            path: fallback, mode: mode, rotation: rotation, fontFamily: fontFamily)
        } catch { throw .noDisplay("\(why); and \(error)") }
        backend = frameBuffer
        connectorName = frameBuffer.driverID
      }
    }
    self.path = backend.name
    width = backend.panelWidth
    height = backend.panelHeight
    switch backend {
    case let scanout as DRMScanout:
      self.scanout = scanout
      output = scanout.output
      outputDetail = "\(scanout.output.rawValue) modesetting: \(scanout.outputReason)"
      outputWarning = nil
    case let frameBuffer as FBDevScanout:
      scanout = nil
      output = .fbdev
      outputDetail = "fbdev \(frameBuffer.driverID), \(frameBuffer.formatName)"
      outputWarning =
        "fbdev: no page flips on \(frameBuffer.name) (frames are copied in and may tear)"
        + (frameBuffer.ownsConsole ? "" : "; the text console may draw over it (no access to /dev/tty0)")
    default:
      scanout = nil
      output = .legacy
      outputDetail = backend.name
      outputWarning = nil
    }
    display = Display(backend: backend, capacity: frameBuffers)
    // Two buffers at least, now: a device without room for them fails here, not at the first frame.
    try display.reserve(2)
  }

  private static func isFrameBuffer(_ path: String) -> Bool { path.hasPrefix("/dev/fb") }

  /// `/dev/fb0` unless it is a DRM driver's fbdev emulation (whose DRM device was found wanting).
  private static func plainFrameBuffer() -> String? {
    let path = "/dev/fb0"
    guard access(path, F_OK) == 0 else { return nil }
    // /sys/class/graphics/fb0/name: "VESA VGA", "EFI VGA"; DRM's emulation ends in "drmfb".
    guard let name = try? String(contentsOfFile: "/sys/class/graphics/fb0/name", encoding: .utf8) else {
      return path
    }
    return name.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("drmfb") ? nil : path
  }

  /// Whether this process may set modes now: DRM master (a frame buffer has no master).
  public var isMaster: Bool { scanout?.isMaster ?? true }

  /// The logical screen's size after rotation.
  public var logicalSize: (width: Int, height: Int) { display.logicalSize }

  /// Draws a one-off frame into a free buffer and shows it: the first with a mode set, then by
  /// page flip, once the flip before it completed (waited for up to a second: the commands that
  /// show one-off frames run no event loop to hear of it).
  public func show(_ draw: @escaping (Canvas) -> Void) throws(ScreenError) {
    try display.awaitFlip(timeout: .seconds(1))
    try display.show(draw)
  }
}
