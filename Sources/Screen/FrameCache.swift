/// Pixels a whole frame is drawn into and scanned out from: a DRM dumb buffer, or memory.
public protocol FrameBuffer: AnyObject {
  /// XRGB8888 pixels, `pitch` bytes a row, the panel's size.
  var pixels: UnsafeMutableRawPointer { get }
  var pitch: Int { get }
}

/// What the frame cache draws into and shows through: DRM/KMS (dumb buffers, mode set, page
/// flips) or memory (for tests and `ratingpad bench screen`, where there is no /dev/dri).
public protocol FrameBackend: AnyObject {
  /// The panel's size in pixels (before software rotation).
  var panelWidth: Int { get }
  var panelHeight: Int { get }
  var rotation: Rotation { get }
  var fontFamily: String { get }
  /// A new buffer; throws when the device has no room for another.
  func makeBuffer() throws(ScreenError) -> any FrameBuffer
  /// Puts `buffer` on the panel: a mode set, a page-flip request, or nothing when it is already
  /// there. The buffer shown before stays in use until `flipPending` turns false.
  func scanOut(_ buffer: any FrameBuffer) throws(ScreenError)
  /// Whether a requested flip has not completed yet.
  var flipPending: Bool { get }
  /// A requested flip will never complete (or the panel went dark): forget it, and put the next
  /// buffer on the panel with a mode set.
  func forgetFlip()
}

/// What `FrameCache.prepare` did.
public enum Preparation: Sendable, Equatable {
  /// The content already had a drawn buffer.
  case alreadyDrawn
  /// It was drawn into a buffer of its own now.
  case drawn
  /// Every buffer is on the panel, on its way there, or holds a content asked to be kept.
  case noRoom
}

/// Pre-drawn frames: each screen content is drawn once into a buffer of its own, so showing it
/// again (or showing it after drawing it ahead of time) costs only a page flip.
///
/// Up to `capacity` buffers, made as needed (fewer when the device runs out of room). A new
/// content takes a free buffer, else the least recently used one; never the one on the panel,
/// the one a pending flip still scans out, or the one of the frame waiting for that flip.
/// A frame asked for while a flip is pending waits for it (the newest one wins; never EBUSY).
/// Frames are known by their content alone: one cache is painted by one painter (one language).
public final class FrameCache {
  private final class Slot {
    let buffer: any FrameBuffer
    /// What the buffer holds, when it may be shown again (nil: free, or a one-off frame).
    var content: ScreenContent?
    var lastUse: UInt64 = 0

    init(_ buffer: any FrameBuffer) { self.buffer = buffer }
  }

  private enum Waiting {
    case content(ScreenContent, Painter)
    case drawing((Canvas) -> Void)
  }

  private let backend: any FrameBackend
  private var slots: [Slot] = []
  /// The slot last scanned out (on the panel, or on its way there while a flip is pending).
  private var onScreen: Slot?
  /// The slot scanned out before `onScreen`: still on the panel while a flip is pending.
  private var previous: Slot?
  private var waiting: Waiting?
  private var useCounter: UInt64 = 0
  /// When the pending flip was requested, to give up on one that never completes.
  private var flipRequestedAt: ContinuousClock.Instant?
  /// The most buffers kept; lowered when the device refuses another.
  public private(set) var capacity: Int
  /// How many frames were painted, for tests and the benchmark.
  public private(set) var draws = 0

  /// A cache over `backend` with at most `capacity` buffers (at least 2).
  public init(backend: any FrameBackend, capacity: Int = 8) {
    self.backend = backend
    self.capacity = max(2, capacity)
  }

  /// Makes buffers up to `count` now, so that a device without room for two fails early.
  public func reserve(_ count: Int) throws(ScreenError) {
    while slots.count < min(count, capacity) { slots.append(Slot(try backend.makeBuffer())) }
  }

  /// How many buffers exist.
  public var bufferCount: Int { slots.count }

  /// The content on the panel (or on its way there), if it was shown by content.
  public var shownContent: ScreenContent? { onScreen?.content }

  /// Whether `content` has a drawn buffer.
  public func isDrawn(_ content: ScreenContent) -> Bool { slot(for: content) != nil }

  /// The contents with drawn buffers, least recently used first.
  public var drawnContents: [ScreenContent] {
    slots.sorted { $0.lastUse < $1.lastUse }.compactMap(\.content)
  }

  /// Draws `content` into a buffer of its own unless it has one; never takes the buffer of a
  /// content in `keeping` (the other screens being drawn ahead), nor one in use.
  @discardableResult
  public func prepare(_ content: ScreenContent, painter: Painter, keeping: Set<ScreenContent> = [])
    throws(ScreenError) -> Preparation
  {
    if let slot = slot(for: content) {
      touch(slot)
      return .alreadyDrawn
    }
    guard let slot = try freeSlot(keeping: keeping) else { return .noRoom }
    draw(into: slot) { painter.paint(content, on: $0) }
    slot.content = content
    return .drawn
  }

  /// Shows `content`: a page flip to its buffer, drawn first only if it has none. While a flip is
  /// pending, it waits for `flipCompleted`.
  public func present(_ content: ScreenContent, painter: Painter) throws(ScreenError) {
    if backend.flipPending {
      waiting = .content(content, painter)
      return
    }
    waiting = nil
    let slot: Slot
    if let drawn = self.slot(for: content) {
      slot = drawn
    } else {
      guard let free = try freeSlot(keeping: []) else { throw .noDisplay("no free frame buffer") }
      draw(into: free) { painter.paint(content, on: $0) }
      free.content = content
      slot = free
    }
    try scanOut(slot)
  }

  /// Draws a one-off frame (not kept for showing again) and shows it; waits for a pending flip.
  public func show(_ draw: @escaping (Canvas) -> Void) throws(ScreenError) {
    if backend.flipPending {
      waiting = .drawing(draw)
      return
    }
    waiting = nil
    guard let slot = try freeSlot(keeping: []) else { throw .noDisplay("no free frame buffer") }
    slot.content = nil
    self.draw(into: slot, draw)
    try scanOut(slot)
  }

  /// The pending flip completed: shows the frame that waited for it, if any.
  public func flipCompleted() throws(ScreenError) {
    guard !backend.flipPending, let next = waiting else { return }
    waiting = nil
    switch next {
    case .content(let content, let painter): try present(content, painter: painter)
    case .drawing(let draw): try show(draw)
    }
  }

  /// Forgets every drawn content (the next `present` draws again) and any waiting frame.
  public func forgetDrawn() {
    for slot in slots { slot.content = nil }
    waiting = nil
  }

  /// Drops the frame waiting for a flip that will never complete.
  public func dropWaiting() { waiting = nil }

  /// A flip pending for longer than `limit` is given up: the frame that waited for it is shown
  /// with a mode set. Returns whether one was.
  public func recoverStuckFlip(after limit: Duration = .seconds(1)) throws(ScreenError) -> Bool {
    guard backend.flipPending, let requested = flipRequestedAt, ContinuousClock.now - requested > limit
    else { return false }
    backend.forgetFlip()
    flipRequestedAt = nil
    try flipCompleted()
    return true
  }

  /// The panel went dark and comes back: the shown buffer goes on it again with a mode set.
  public func showAgain() throws(ScreenError) {
    backend.forgetFlip()
    flipRequestedAt = nil
    guard let onScreen else { return }
    try backend.scanOut(onScreen.buffer)
  }

  private func slot(for content: ScreenContent) -> Slot? { slots.first { $0.content == content } }

  private func touch(_ slot: Slot) {
    useCounter += 1
    slot.lastUse = useCounter
  }

  private func inUse(_ slot: Slot) -> Bool {
    if slot === onScreen { return true }
    if slot === previous && backend.flipPending { return true }
    if case .content(let content, _) = waiting, slot.content == content { return true }
    return false
  }

  /// A buffer that may be drawn into: a free one, a new one, else the least recently used.
  private func freeSlot(keeping: Set<ScreenContent>) throws(ScreenError) -> Slot? {
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

  private func draw(into slot: Slot, _ draw: (Canvas) -> Void) {
    // A fresh canvas each time: no cairo state (line caps, transforms) carries over between frames.
    let canvas = Canvas(
      pixels: slot.buffer.pixels, panelWidth: backend.panelWidth, panelHeight: backend.panelHeight,
      stride: slot.buffer.pitch, rotation: backend.rotation, fontFamily: backend.fontFamily)
    draw(canvas)
    canvas.flush()
    draws += 1
    touch(slot)
  }

  private func scanOut(_ slot: Slot) throws(ScreenError) {
    touch(slot)
    let wasPending = backend.flipPending
    try backend.scanOut(slot.buffer)
    if backend.flipPending && !wasPending { flipRequestedAt = ContinuousClock.now }
    if slot !== onScreen {
      previous = onScreen
      onScreen = slot
    }
  }
}
