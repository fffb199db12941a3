/// How frames reach the panel, chosen once when the display opens.
public enum OutputPath: String, Sendable, CaseIterable {
  /// DRM atomic modesetting: one atomic commit sets the mode, and one flips each frame.
  case atomic
  /// DRM legacy modesetting: `drmModeSetCrtc` and `drmModePageFlip`.
  case legacy
  /// The kernel frame buffer (`/dev/fbN`): frames are copied in; no page flips, so they may tear.
  case fbdev
}

/// `[screen] modesetting`: which DRM path may be used.
public enum ModesettingChoice: String, Sendable, CaseIterable {
  /// Atomic where the driver offers it, legacy otherwise.
  case auto
  /// Legacy even where the driver offers atomic (a driver whose atomic support misbehaves).
  case legacy
}
