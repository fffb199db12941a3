/// What `Display.prepare` did.
enum Preparation: Sendable, Equatable {
  /// The content already had a drawn buffer.
  case alreadyDrawn
  /// It was drawn into a buffer of its own now.
  case drawn
  /// Every buffer is on the panel, on its way there, or holds a content asked to be kept.
  case noRoom
}

/// The pre-drawn frames: buffers, each holding one screen content drawn once, so showing it
/// again costs only a page flip. Which buffers are in use is the display's to say.
///
/// Up to `capacity` buffers, made as needed (fewer when the device runs out of room). A new
/// content takes a free buffer, else the least recently used one that is not in use. Frames
/// are known by their content alone: one cache is painted by one painter (one language).
final class FrameCache {
  /// A buffer and what it holds.
  final class Slot {
    let buffer: any FrameBuffer
    /// What the buffer holds, when it may be shown again (nil: free, or a one-off frame).
    var content: ScreenContent?
    var lastUse: UInt64 = 0

    init(_ buffer: any FrameBuffer) { self.buffer = buffer }
  }

  /// Enough for a prompt on screen and all it may lead to drawn ahead: its five pressed
  /// buttons, thanks, two reasons lists, the next second, expired, and the frame leaving the panel.
  static let defaultCapacity = 12

  private let backend: any FrameBackend
  private var slots: [Slot] = []
  private var useCounter: UInt64 = 0
  /// The most buffers kept; lowered when the device refuses another.
  private(set) var capacity: Int
  /// How many frames were painted.
  private(set) var draws = 0

  /// A cache over `backend` with at most `capacity` buffers (at least 2).
  init(backend: any FrameBackend, capacity: Int = defaultCapacity) {
    self.backend = backend
    self.capacity = max(2, capacity)
  }

  /// Makes buffers up to `count` now, so that a device without room for two fails early.
  func reserve(_ count: Int) throws(ScreenError) {
    while slots.count < min(count, capacity) { slots.append(Slot(try backend.makeBuffer())) }
  }

  /// How many buffers exist.
  var bufferCount: Int { slots.count }

  /// The buffer holding `content`, if one does.
  func slot(for content: ScreenContent) -> Slot? { slots.first { $0.content == content } }

  /// Forgets every drawn content: the next frames are drawn again.
  func forgetDrawn() {
    for slot in slots { slot.content = nil }
  }

  /// Marks `slot` as just used.
  func touch(_ slot: Slot) {
    useCounter += 1
    slot.lastUse = useCounter
  }

  /// A buffer that may be drawn into: a free one, a new one, else the least recently used that
  /// is not `inUse` and holds no content in `keeping`.
  func freeSlot(keeping: Set<ScreenContent>, inUse: (Slot) -> Bool) throws(ScreenError) -> Slot? {
    if let free = slots.first(where: { $0.content == nil && !inUse($0) }) { return free }
    if slots.count < capacity {
      do {
        let slot = Slot(try backend.makeBuffer())
        slots.append(slot)
        return slot
      } catch {
        // The device has no room for another (e.g. a small VRAM): make do with what there is.
        guard slots.count >= 2 else { throw error }
        capacity = slots.count
      }
    }
    let evictable = slots.filter { !inUse($0) && !($0.content.map(keeping.contains) ?? false) }
    guard let victim = evictable.min(by: { $0.lastUse < $1.lastUse }) else { return nil }
    victim.content = nil
    return victim
  }

  /// Paints into `slot` through a fresh canvas.
  func draw(into slot: Slot, _ draw: (Canvas) -> Void) {
    // A fresh canvas each time: no cairo state (line caps, transforms) carries over between frames.
    let canvas = Canvas(
      pixels: slot.buffer.pixels, panelWidth: backend.panelWidth, panelHeight: backend.panelHeight,
      stride: slot.buffer.pitch, rotation: backend.rotation, fontFamily: backend.fontFamily)
    draw(canvas)
    canvas.flush()
    backend.drew(slot.buffer)
    draws += 1
    touch(slot)
  }
}
