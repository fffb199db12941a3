import CDRM
import Glibc

/// The kernel frame buffer (`/dev/fbN`: VESA, EFI or a vendor's fbdev driver) under the display
/// state machine, as plymouth's frame-buffer renderer drives it: frames are drawn into memory
/// as everywhere else and copied into the mapped frame buffer in its pixel format (32, 24 or 16
/// bits per pixel). There are no page flips: a copy is on the panel when it returns, and may tear.
final class FBDevScanout: FrameBackend {
  /// A frame in memory, XRGB8888 like a dumb buffer.
  private final class Buffer: FrameBuffer {
    let pixels: UnsafeMutableRawPointer
    let pitch: Int

    init(width: Int, height: Int) {
      pitch = width * 4
      pixels = UnsafeMutableRawPointer.allocate(byteCount: pitch * height, alignment: 16)
      pixels.initializeMemory(as: UInt8.self, repeating: 0, count: pitch * height)
    }

    deinit { pixels.deallocate() }
  }

  private let fd: Int32
  private var info: cfb_info
  private let mapped: UnsafeMutableRawPointer
  private let mappedLength: Int
  /// Where the visible area starts in the mapping.
  private let visible: UnsafeMutableRawPointer
  private let console: ConsoleGraphicsMode?
  let name: String
  /// The driver's name for the frame buffer: `VESA VGA`, `EFI VGA`, `simple`.
  let driverID: String
  let panelWidth: Int
  let panelHeight: Int
  let rotation: Rotation
  let fontFamily: String
  private var shown: Buffer?

  /// Bits per pixel of the frame buffer.
  var bitsPerPixel: Int { Int(info.bits_per_pixel) }
  /// The pixel format, e.g. `XRGB8888 (32 bpp)` or `RGB565 (16 bpp)`.
  var formatName: String {
    let channels = [
      ("R", info.red_offset, info.red_length), ("G", info.green_offset, info.green_length),
      ("B", info.blue_offset, info.blue_length),
    ].sorted { $0.1 > $1.1 }
    let name = channels.map(\.0).joined() + channels.map { String($0.2) }.joined()
    let padded = info.bits_per_pixel == 32 && name == "RGB888" ? "XRGB8888" : name
    return "\(padded) (\(info.bits_per_pixel) bpp)"
  }

  /// Opens `path`; throws naming what is wrong with it (no such device, a pixel format this
  /// cannot write, a mode other than `mode`).
  init(path: String, mode wanted: String?, rotation: Rotation, fontFamily: String) throws(ScreenError) {
    let fd = open(path, O_RDWR | O_CLOEXEC)
    guard fd >= 0 else { throw .drm(call: "open \(path)", errno: errno) }
    var info = cfb_info()
    guard cfb_get_info(fd, &info) == 0 else {
      let code = errno
      close(fd)
      throw .drm(call: "FBIOGET_VSCREENINFO \(path)", errno: code)
    }
    let id = withUnsafeBytes(of: info.id) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    let size = "\(info.width)x\(info.height)"
    func refuse(_ why: String) -> ScreenError {
      close(fd)
      return .noDisplay("\(path) (\(id), \(size)): \(why)")
    }
    guard cfb_is_truecolor(&info) != 0, [16, 24, 32].contains(info.bits_per_pixel) else {
      throw refuse(
        "\(info.bits_per_pixel) bpp with palette or planes; only 16, 24 and 32 bpp true colour are drawn")
    }
    if let wanted, wanted != size, !wanted.hasPrefix(size + "@") {
      throw refuse(
        "the frame buffer's mode is \(size) and fbdev cannot set \(wanted) (set it on the kernel command line)"
      )
    }
    let start = Int(info.yoffset) * Int(info.line_length) + Int(info.xoffset) * Int(info.bits_per_pixel / 8)
    let needed = start + Int(info.height) * Int(info.line_length)
    let length = max(Int(info.memory_length), needed)
    guard let memory = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0), memory != MAP_FAILED
    else {
      let code = errno
      close(fd)
      throw .drm(call: "mmap \(path)", errno: code)
    }
    self.fd = fd
    self.info = info
    mapped = memory
    mappedLength = length
    visible = memory + start
    name = path
    driverID = id
    panelWidth = Int(info.width)
    panelHeight = Int(info.height)
    self.rotation = rotation
    self.fontFamily = fontFamily
    console = ConsoleGraphicsMode()
  }

  deinit {
    munmap(mapped, mappedLength)
    close(fd)
  }

  /// Whether the console could be kept from drawing over the frame buffer.
  var ownsConsole: Bool { console != nil }

  var eventDescriptor: Int32? { nil }

  func makeBuffer() throws(ScreenError) -> any FrameBuffer { Buffer(width: panelWidth, height: panelHeight) }

  func setMode(_ buffer: any FrameBuffer) throws(ScreenError) -> Bool {
    // Unblanking is optional: vesafb and efifb have no blanking of their own.
    _ = cfb_blank(fd, 0)
    copy(buffer)
    return true
  }

  func requestFlip(_ buffer: any FrameBuffer) throws(ScreenError) -> Bool {
    copy(buffer)
    return true
  }

  private func copy(_ buffer: any FrameBuffer) {
    let frame = buffer as! Buffer
    Self.copy(frame.pixels, pitch: frame.pitch, into: visible, layout: info)
    shown = frame
  }

  /// Copies an XRGB8888 frame (`pitch` bytes a row) into frame-buffer memory laid out as
  /// `layout` says: its size, line length and channel offsets and lengths.
  static func copy(
    _ source: UnsafeRawPointer, pitch: Int, into destination: UnsafeMutableRawPointer, layout: cfb_info
  ) {
    var layout = layout
    cfb_copy(
      source.assumingMemoryBound(to: UInt8.self), pitch, destination.assumingMemoryBound(to: UInt8.self),
      &layout)
  }

  func turnOff() throws(ScreenError) {
    shown = nil
    // A driver without blanking gets a black frame instead.
    guard cfb_blank(fd, 1) != 0 else { return }
    memset(visible, 0, Int(info.height) * Int(info.line_length))
  }

  func readFlipEvents() -> Bool { false }

  func awaitFlipEvents(timeout: Duration) -> Bool { false }

  func isConnected() -> Bool? { nil }

  func setBacklight(on: Bool) { Backlight.set(on: on) }

  /// Drawing into the frame on the panel reaches it only by copying it in again.
  func drew(_ buffer: any FrameBuffer) {
    if buffer === shown { copy(buffer) }
  }
}
