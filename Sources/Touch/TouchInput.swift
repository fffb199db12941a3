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
    /// A panel could not be grabbed for the pad alone: taps on it may reach another program too.
    case notGrabbed(path: String)
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
  /// Whether taps count. On a kiosk, only while the pad's terminal is in front: then the panels
  /// are grabbed, so no tap reaches the kiosk's application; otherwise their events are dropped.
  public private(set) var accepting: Bool
  /// Whether the panels are grabbed now (a window pad never grabs them).
  private var grabbing = false

  /// Panels matching `pin` (any when nil), calibrated by udev or else `calibration`, under a
  /// picture turned by `rotation` degrees; read on `loop`, their taps going to `surface`.
  public init(
    pin: String?, calibration: [Double], rotation: Int, directory: String = "/dev/input",
    loop: any DescriptorWatching, surface: any TapSurface, accepting: Bool = true,
    report: @escaping (News) -> Void
  ) {
    self.accepting = accepting
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

  /// Starts (grabbing every panel) or stops (letting them go) taking taps. Either way a touch
  /// half made is forgotten: one begun on the kiosk's application never ends as a tap here.
  public func accept(_ on: Bool) {
    guard on != accepting else { return }
    accepting = on
    grabbing = on
    for (fd, entry) in panels {
      if on { grab(entry.panel) } else { _ = entry.panel.device.grab(false) }
      panels[fd] = (entry.panel, Self.taps(for: entry.panel, rotation: rotation))
    }
  }

  private func grab(_ panel: TouchPanel) {
    if !panel.device.grab(true) { report(.notGrabbed(path: panel.device.path)) }
  }

  private static func taps(for panel: TouchPanel, rotation: Int) -> PanelTaps {
    PanelTaps(
      decoder: panel.decoder, transform: TouchTransform(calibration: panel.calibration, rotation: rotation))
  }

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
      // On a kiosk a panel plugged in while the pad is in front is taken for it alone at once.
      if grabbing { grab(panel) }
      panels[fd] = (panel, Self.taps(for: panel, rotation: rotation))
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
    // Read even when not accepting: the kernel's queue must not fill, and a lost panel is noticed.
    guard accepting else { return }
    entry.taps.feed(events, on: surface)
    panels[fd] = entry
  }
}
