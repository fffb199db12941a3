/// What the panel is doing, as one value owned by `Display`: every mode set, page flip and
/// CRTC-off follows from it and changes it.
public enum DisplayState: Sendable, Equatable {
  /// Nothing of this program's is on the CRTC (just opened, or after a failure): the next frame
  /// goes up with a mode set.
  case unlit
  /// A frame is on the panel; the next one goes up by page flip.
  case lit
  /// A page flip was requested and the kernel has not completed it; the next frame waits for it.
  case flipPending(since: ContinuousClock.Instant)
  /// Darkened while idle (CRTC off, backlight off where allowed); lit again only by `light()`.
  case dark
  /// The connector reports no panel: the CRTC is off until it is back, then a full redraw.
  case disconnected
  /// Another program is DRM master; the next frame asks for master again.
  case notMaster
  /// The last frame could not go up for another reason; the next one tries a mode set.
  case failed(String)

}
