import Foundation

/// The panel's backlight under /sys/class/backlight, where there is one and it may be written
/// (the hardened service cannot: there the CRTC going off is what darkens the panel).
enum Backlight {
  static func set(on: Bool) {
    let directory = "/sys/class/backlight"
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
    for entry in entries {
      // bl_power: 0 is FB_BLANK_UNBLANK, 4 is FB_BLANK_POWERDOWN.
      try? (on ? "0" : "4").write(
        toFile: "\(directory)/\(entry)/bl_power", atomically: false, encoding: .utf8)
    }
  }
}
