/// A panel the agent shows screens on: DRM/KMS (`DRMDisplay`), or memory (`MemoryDisplay`) for
/// tests and `ratingpad bench screen`. Both keep one drawn buffer per screen content.
public protocol PanelDisplay: AnyObject {
  /// The logical screen's size after rotation.
  var logicalSize: (width: Int, height: Int) { get }
  /// The descriptor to poll for page-flip events, if there are any.
  var eventDescriptor: Int32? { get }
  /// The pre-drawn frames.
  var frames: FrameCache { get }
  /// Draws `content` ahead of time into a buffer of its own, unless it has one.
  func prepare(_ content: ScreenContent, painter: Painter, keeping: Set<ScreenContent>) throws(ScreenError)
    -> Preparation
  /// Shows `content`: a page flip to its buffer, drawn first only if it has none.
  func present(_ content: ScreenContent, painter: Painter) throws(ScreenError)
  /// Looks at the connector; returns its new state when it changed.
  func reprobe() -> Bool?
  /// Reads page-flip events and shows any frame that waited for one.
  func handleEvents() throws(ScreenError)
  /// Gives up on a flip that never completed; returns whether there was one.
  func recoverStuckFlip() throws(ScreenError) -> Bool
  /// Darkens the panel, or lights it again with what it showed.
  func setBlank(_ dark: Bool) throws(ScreenError)
}

/// Frames in memory: page flips complete at once unless `holdsFlips`, as if on a panel.
public final class MemoryFrameBackend: FrameBackend {
  private final class Buffer: FrameBuffer {
    let pixels: UnsafeMutableRawPointer
    let pitch: Int
    let size: Int

    init(width: Int, height: Int) {
      pitch = width * 4
      size = pitch * height
      pixels = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
      pixels.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    }

    deinit { pixels.deallocate() }
  }

  public let panelWidth: Int
  public let panelHeight: Int
  public let rotation: Rotation
  public let fontFamily: String
  /// How many buffers the pretend device has room for (nil: as many as asked for).
  public var room: Int?
  /// Flips stay pending until `completeFlip`, as they do on DRM until the vblank event.
  public var holdsFlips = false
  public private(set) var flipPending = false
  public private(set) var buffersMade = 0
  /// How many times a different buffer was put on the panel.
  public private(set) var scanOuts = 0
  private var shown: Buffer?
  /// Called as a buffer is put on the panel: where a page-flip ioctl would be issued.
  public var onScanOut: (() -> Void)?

  public init(
    width: Int, height: Int, rotation: Rotation = .none, fontFamily: String = Painter.defaultFont
  ) {
    panelWidth = width
    panelHeight = height
    self.rotation = rotation
    self.fontFamily = fontFamily
  }

  public func makeBuffer() throws(ScreenError) -> any FrameBuffer {
    if let room, buffersMade >= room { throw .drm(call: "DRM_IOCTL_MODE_CREATE_DUMB", errno: 12) }
    buffersMade += 1
    return Buffer(width: panelWidth, height: panelHeight)
  }

  public func scanOut(_ buffer: any FrameBuffer) throws(ScreenError) {
    onScanOut?()
    guard buffer !== shown else { return }
    shown = buffer as? Buffer
    scanOuts += 1
    if holdsFlips { flipPending = true }
  }

  /// The vblank: the pending flip is done.
  public func completeFlip() { flipPending = false }

  public func forgetFlip() { flipPending = false }

  /// The pixels on the panel (XRGB8888, `panelWidth * 4` bytes a row), if anything was shown.
  public var shownBytes: [UInt8]? {
    shown.map { Array(UnsafeRawBufferPointer(start: $0.pixels, count: $0.size)) }
  }
}

/// A panel in memory, for tests and the screen benchmark.
public final class MemoryDisplay: PanelDisplay {
  public let backend: MemoryFrameBackend
  public let frames: FrameCache

  public init(backend: MemoryFrameBackend, capacity: Int = 8) {
    self.backend = backend
    frames = FrameCache(backend: backend, capacity: capacity)
  }

  public var logicalSize: (width: Int, height: Int) {
    backend.rotation.swapsAxes
      ? (backend.panelHeight, backend.panelWidth) : (backend.panelWidth, backend.panelHeight)
  }

  public var eventDescriptor: Int32? { nil }

  public func prepare(_ content: ScreenContent, painter: Painter, keeping: Set<ScreenContent>)
    throws(ScreenError) -> Preparation
  {
    try frames.prepare(content, painter: painter, keeping: keeping)
  }

  public func present(_ content: ScreenContent, painter: Painter) throws(ScreenError) {
    try frames.present(content, painter: painter)
  }

  public func reprobe() -> Bool? { nil }

  public func handleEvents() throws(ScreenError) {
    backend.completeFlip()
    try frames.flipCompleted()
  }

  public func recoverStuckFlip() throws(ScreenError) -> Bool { try frames.recoverStuckFlip() }

  /// Whether the panel is dark.
  public private(set) var isBlank = false

  public func setBlank(_ dark: Bool) throws(ScreenError) {
    isBlank = dark
    if !dark { try frames.showAgain() }
  }
}
