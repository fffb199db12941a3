/// A panel in memory under a `Display`: frames go up at once unless `holdsFlips`.
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
  /// Frames stay pending until `completeFlip`, as page flips do on DRM until the vblank event.
  public var holdsFlips = false
  /// Whether a requested flip has not completed yet.
  public private(set) var flipPending = false
  private var flipCompletedUnread = false
  private var buffersMade = 0
  /// How many times a different buffer was put on the panel.
  public private(set) var scanOuts = 0
  private var shown: Buffer?
  /// Whether a panel is attached, as a connector would say (nil: it cannot tell).
  public var connected: Bool?
  /// Called as a buffer is put on the panel: where a page-flip ioctl would be issued.
  public var onScanOut: (() -> Void)?

  /// A panel `width`×`height` mounted with `rotation`.
  public init(
    width: Int, height: Int, rotation: Rotation = .none, fontFamily: String = Painter.defaultFont
  ) {
    panelWidth = width
    panelHeight = height
    self.rotation = rotation
    self.fontFamily = fontFamily
  }

  var name: String { "memory" }
  var eventDescriptor: Int32? { nil }

  func makeBuffer() throws(ScreenError) -> any FrameBuffer {
    if let room, buffersMade >= room { throw .drm(call: "DRM_IOCTL_MODE_CREATE_DUMB", errno: 12) }
    buffersMade += 1
    return Buffer(width: panelWidth, height: panelHeight)
  }

  // A held panel shows nothing new before its vblank, mode set or not.
  func setMode(_ buffer: any FrameBuffer) throws(ScreenError) -> Bool {
    onScanOut?()
    put(buffer)
    flipPending = holdsFlips
    return !holdsFlips
  }

  func requestFlip(_ buffer: any FrameBuffer) throws(ScreenError) -> Bool {
    onScanOut?()
    put(buffer)
    flipPending = holdsFlips
    return !holdsFlips
  }

  private func put(_ buffer: any FrameBuffer) {
    guard buffer !== shown else { return }
    shown = buffer as? Buffer
    scanOuts += 1
  }

  func turnOff() throws(ScreenError) {}

  /// The vblank: the pending flip is done (the display hears of it in `handleEvents`).
  public func completeFlip() {
    guard flipPending else { return }
    flipPending = false
    flipCompletedUnread = true
  }

  func readFlipEvents() -> Bool {
    defer { flipCompletedUnread = false }
    return flipCompletedUnread
  }

  func awaitFlipEvents(timeout: Duration) -> Bool { readFlipEvents() }

  func isConnected() -> Bool? { connected }

  func setBacklight(on: Bool) {}

  /// The pixels on the panel (XRGB8888, `panelWidth * 4` bytes a row), if anything was shown.
  public var shownBytes: [UInt8]? {
    shown.map { Array(UnsafeRawBufferPointer(start: $0.pixels, count: $0.size)) }
  }
}
