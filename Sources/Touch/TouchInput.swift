/// The pad's touch panels as one input: opens every panel (and those plugged in later, or only
/// the pinned one), reads them on the agent's loop, and hands each tap to the surface as the
/// target it landed on. A panel that vanishes is dropped.
///
/// Unchecked Sendable: it is touched only on the loop's thread, whose handlers capture it.
public final class TouchInput: @unchecked Sendable {
  /// What happened to the panels, for the log and the fault policy.
  public enum News {
    /// A panel was opened and is read from now on.
    case opened(TouchPanel)
    /// A device was passed over: it is not the pinned panel.
    case passedOver(TouchDevice)
    /// The panel at `path` disappeared.
    case lost(path: String)
    /// Panels plugged in later cannot be noticed (no inotify); they need a restart.
    case noHotplug(TouchError)
    /// The panels were looked for again; `panels` are open now.
    case scanned(panels: Int)
  }

  private let pin: String?
  private let configuredCalibration: [Double]
  private let rotation: Int
  private let directory: String
  private let loop: any DescriptorWatching
  private let surface: any TapSurface
  private let report: (News) -> Void
  /// The open panels by descriptor.
  private var panels: [Int32: (panel: TouchPanel, taps: PanelTaps)] = [:]
  /// Panels plugged in while running are found through this.
  private var directoryWatch: InputDirectoryWatch?

  /// Panels matching `pin` (any when nil), calibrated by udev or else `calibration`, under a
  /// picture turned by `rotation` degrees; read on `loop`, their taps going to `surface`.
  public init(
    pin: String?, calibration: [Double], rotation: Int, directory: String = "/dev/input",
    loop: any DescriptorWatching, surface: any TapSurface, report: @escaping (News) -> Void
  ) {
    self.pin = pin
    configuredCalibration = calibration
    self.rotation = rotation
    self.directory = directory
    self.loop = loop
    self.surface = surface
    self.report = report
  }

  /// How many panels are open.
  public var panelCount: Int { panels.count }

  /// Opens the panels there now and watches the directory for more.
  public func start() {
    do {
      let watch = try InputDirectoryWatch(directory: directory)
      directoryWatch = watch
      loop.watch(fd: watch.fileDescriptor) { if watch.drain() { self.scan() } }
    } catch {
      report(.noHotplug(error))
    }
    scan()
  }

  /// Opens every panel not open yet.
  private func scan() {
    let opened = TouchPanel.openAll(
      pin: pin, configured: configuredCalibration, excluding: Set(panels.values.map(\.panel.device.path)),
      directory: directory
    ) { report(.passedOver($0)) }
    for panel in opened {
      report(.opened(panel))
      let fd = panel.device.fileDescriptor
      let taps = PanelTaps(
        decoder: panel.decoder,
        transform: TouchTransform(calibration: panel.calibration, rotation: rotation))
      panels[fd] = (panel, taps)
      loop.watch(fd: fd) { self.read(fd) }
    }
    report(.scanned(panels: panels.count))
  }

  private func read(_ fd: Int32) {
    guard var entry = panels[fd] else { return }
    guard let events = entry.panel.device.readEvents() else {
      report(.lost(path: entry.panel.device.path))
      loop.unwatch(fd: fd)
      panels[fd] = nil
      // Its node may already have been reused by a panel plugged back in.
      scan()
      return
    }
    entry.taps.feed(events, on: surface)
    panels[fd] = entry
  }
}
