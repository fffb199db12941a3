/// The display state machine: the one owner of the panel's state (`DisplayState`), of what is
/// shown and what is drawn ahead, and the only caller of mode sets, page flips and CRTC-off.
///
/// Each screen content is drawn once into a buffer of its own (`FrameCache`); showing it again,
/// or after drawing it ahead, costs a page flip. A frame asked for while a flip is pending waits
/// for it (the newest one wins; never EBUSY). After the panel was dark, unplugged, or held by
/// another DRM master, the next frame goes up with a mode set.
public final class Display {
  private enum Waiting {
    case content(ScreenContent, Painter)
    case drawing((Canvas) -> Void)
  }

  private let backend: any FrameBackend
  private let frames: FrameCache
  /// What the panel is doing.
  public private(set) var state: DisplayState = .unlit
  /// The buffer last scanned out (on the panel, or on its way there while a flip is pending).
  private var onScreen: FrameCache.Slot?
  /// The buffer scanned out before `onScreen`: still on the panel while a flip is pending.
  private var previous: FrameCache.Slot?
  private var waiting: Waiting?
  /// The content last handed to `present` that went up (or waits for a flip); nil after anything
  /// that means it must be presented again.
  private(set) var presented: ScreenContent?
  /// Contents that may follow the presented one, still to be drawn ahead, most urgent first.
  private var ahead: [ScreenContent] = []
  /// All of them: drawing one ahead never evicts another.
  private var aheadSet: Set<ScreenContent> = []

  init(backend: any FrameBackend, capacity: Int = FrameCache.defaultCapacity) {
    self.backend = backend
    frames = FrameCache(backend: backend, capacity: capacity)
  }

  /// A panel in memory, for tests and `ratingpad-bench screen`.
  public convenience init(memory backend: MemoryFrameBackend, capacity: Int = 12) {
    self.init(backend: backend, capacity: capacity)
  }

  /// The logical screen's size after rotation.
  var logicalSize: (width: Int, height: Int) {
    backend.rotation.swapsAxes
      ? (backend.panelHeight, backend.panelWidth) : (backend.panelWidth, backend.panelHeight)
  }

  /// The descriptor to poll for page-flip events, if there are any.
  var eventDescriptor: Int32? { backend.eventDescriptor }

  /// Why nothing can be shown now (another DRM master, unplugged, a failed call), if so.
  public var problem: String? {
    switch state {
    case .notMaster: ScreenError.notMaster(backend.name).description
    case .disconnected: ScreenError.disconnected(backend.name).description
    case .failed(let text): text
    case .unlit, .lit, .flipPending, .dark: nil
    }
  }

  /// Whether the panel was darkened.
  public var isDark: Bool { state == .dark }

  /// How many frames were painted, for tests and the benchmark.
  public var draws: Int { frames.draws }
  /// How many buffers exist.
  public var bufferCount: Int { frames.bufferCount }
  /// The most buffers kept; lowered when the device refuses another.
  var capacity: Int { frames.capacity }
  /// The content on the panel (or on its way there), if it was shown by content.
  public var shownContent: ScreenContent? { onScreen?.content }
  /// Whether `content` has a drawn buffer.
  func isDrawn(_ content: ScreenContent) -> Bool { frames.slot(for: content) != nil }

  /// Makes buffers up to `count` now, so that a device without room for them fails early.
  func reserve(_ count: Int) throws(ScreenError) { try frames.reserve(count) }

  /// Draws a one-off frame (not kept for showing again) and shows it; waits for a pending flip.
  func show(_ draw: @escaping (Canvas) -> Void) throws(ScreenError) {
    switch state {
    case .disconnected: throw .disconnected(backend.name)
    case .flipPending, .dark:
      waiting = .drawing(draw)
      return
    case .unlit, .lit, .notMaster, .failed: break
    }
    waiting = nil
    guard let slot = try frames.freeSlot(keeping: [], inUse: inUse) else {
      throw .noDisplay("no free frame buffer")
    }
    slot.content = nil
    frames.draw(into: slot, draw)
    try scanOut(slot)
  }

  /// Shows `content`: a page flip to its buffer, drawn first only if it has none. While a flip
  /// is pending (or the panel is dark) it waits. On failure nothing counts as presented, so the
  /// next call tries again.
  func present(_ content: ScreenContent, painter: Painter) throws(ScreenError) {
    ahead = []
    aheadSet = []
    do {
      try put(content, painter: painter)
    } catch {
      // Nothing reached the panel: show it again on the next try.
      if problem == nil { state = .failed(error.description) }
      presented = nil
      throw error
    }
    presented = content
  }

  /// The contents that may follow the presented one, to draw ahead (`drawAhead`), most urgent
  /// first. Asked for after `present`, so that working them out never delays the flip.
  func drawAhead(_ next: [ScreenContent]) {
    guard presented != nil else { return }
    ahead = next.filter { $0 != presented }
    aheadSet = Set(ahead)
  }

  private func put(_ content: ScreenContent, painter: Painter) throws(ScreenError) {
    switch state {
    case .disconnected: throw .disconnected(backend.name)
    case .flipPending, .dark:
      waiting = .content(content, painter)
      return
    case .unlit, .lit, .notMaster, .failed: break
    }
    waiting = nil
    let slot: FrameCache.Slot
    if let drawn = frames.slot(for: content) {
      slot = drawn
    } else {
      guard let free = try frames.freeSlot(keeping: [], inUse: inUse) else {
        throw .noDisplay("no free frame buffer")
      }
      frames.draw(into: free) { painter.paint(content, on: $0) }
      free.content = content
      slot = free
    }
    try scanOut(slot)
  }

  /// Draws `content` into a buffer of its own unless it has one; never takes the buffer of a
  /// content in `keeping` (the other screens being drawn ahead), nor one in use.
  @discardableResult
  func prepare(_ content: ScreenContent, painter: Painter, keeping: Set<ScreenContent> = [])
    throws(ScreenError) -> Preparation
  {
    if let slot = frames.slot(for: content) {
      frames.touch(slot)
      return .alreadyDrawn
    }
    guard let slot = try frames.freeSlot(keeping: keeping, inUse: inUse) else { return .noRoom }
    frames.draw(into: slot) { painter.paint(content, on: $0) }
    slot.content = content
    return .drawn
  }

  /// Whether contents that may follow the presented one are still to be drawn ahead.
  var isDrawingAhead: Bool { !ahead.isEmpty && problem == nil }

  /// Draws the next content that may follow the presented one, unless it is drawn already.
  func drawAhead(painter: Painter) throws(ScreenError) {
    guard problem == nil else { return }
    while !ahead.isEmpty {
      let next = ahead.removeFirst()
      do {
        switch try prepare(next, painter: painter, keeping: aheadSet) {
        case .alreadyDrawn: continue
        case .drawn: return
        case .noRoom: ahead = []
        }
      } catch {
        ahead = []
        throw error
      }
    }
  }

  /// Reads page-flip events (call when the descriptor is readable) and shows any waiting frame.
  func handleEvents() throws(ScreenError) {
    guard backend.readFlipEvents(), case .flipPending = state else { return }
    state = .lit
    try showWaiting()
  }

  /// Waits up to `timeout` for a pending flip to complete, for callers without an event loop
  /// (the one-off frames of calibrate, selftest and provision), so that their next frame goes up.
  func awaitFlip(timeout: Duration) throws(ScreenError) {
    guard case .flipPending = state, backend.awaitFlipEvents(timeout: timeout) else { return }
    state = .lit
    try showWaiting()
  }

  /// A flip pending for longer than `limit` is given up: the frame that waited for it (else the
  /// one requested) goes up with a mode set. Returns whether one was.
  func recoverStuckFlip(after limit: Duration = .seconds(1)) throws(ScreenError) -> Bool {
    guard case .flipPending(let since) = state, ContinuousClock.now - since > limit else { return false }
    state = .unlit
    if waiting != nil {
      try showWaiting()
    } else if let onScreen {
      try scanOut(onScreen)
    }
    return true
  }

  /// Looks at the connector's state as the kernel last saw it (no probing, so it is cheap to ask
  /// often). Unplugged: the CRTC is turned off and nothing is shown until it is back. Back: the
  /// next `present` draws a whole frame and sets the mode. Returns the new state when it changed.
  func reprobe() -> Bool? {
    guard let connected = backend.isConnected() else { return nil }
    guard connected != (state != .disconnected) else { return nil }
    if !connected { try? backend.turnOff() }
    state = connected ? .unlit : .disconnected
    frames.forgetDrawn()
    waiting = nil
    presented = nil
    ahead = []
    aheadSet = []
    return connected
  }

  /// Darkens the panel: CRTC off, and the backlight where this process may. Nothing shows until
  /// `light()`. A panel that cannot show anything anyway is left as it is.
  func darken() throws(ScreenError) {
    switch state {
    case .unlit, .lit, .flipPending: break
    case .dark, .disconnected, .notMaster, .failed: return
    }
    backend.setBacklight(on: false)
    // Dark even if the CRTC refused: lighting again sets the mode either way.
    state = .dark
    try backend.turnOff()
  }

  /// Lights a dark panel again with the frame it showed (or the one asked for meanwhile); the
  /// content due now must be presented again.
  func light() throws(ScreenError) {
    guard state == .dark else { return }
    backend.setBacklight(on: true)
    state = .unlit
    presented = nil
    if waiting != nil {
      try showWaiting()
    } else if let onScreen {
      try scanOut(onScreen)
    }
  }

  private func showWaiting() throws(ScreenError) {
    guard let next = waiting else { return }
    waiting = nil
    switch next {
    case .content(let content, let painter): try put(content, painter: painter)
    case .drawing(let draw): try show(draw)
    }
  }

  private func inUse(_ slot: FrameCache.Slot) -> Bool {
    if slot === onScreen { return true }
    if case .flipPending = state, slot === previous { return true }
    if case .content(let content, _) = waiting, slot.content == content { return true }
    return false
  }

  /// Puts `slot` on the panel: nothing if it is there, a page flip on a lit panel, else a mode set.
  private func scanOut(_ slot: FrameCache.Slot) throws(ScreenError) {
    frames.touch(slot)
    do {
      switch state {
      case .lit:
        guard slot !== onScreen else { return }
        let done = try backend.requestFlip(slot.buffer)
        state = done ? .lit : .flipPending(since: .now)
      case .unlit, .notMaster, .failed:
        let done = try backend.setMode(slot.buffer)
        state = done ? .lit : .flipPending(since: .now)
      case .flipPending, .dark, .disconnected:
        return
      }
    } catch {
      if case .notMaster = error { state = .notMaster } else { state = .failed(error.description) }
      throw error
    }
    if slot !== onScreen {
      previous = onScreen
      onScreen = slot
    }
  }
}
