import Screen

extension AgentConfiguration {
  /// Opens the configured display (device, connector, mode, rotation).
  func openDisplay() throws(ScreenError) -> DRMDisplay {
    try DRMDisplay(
      path: display.device, connector: display.connector, mode: display.mode,
      rotation: Rotation(rawValue: rotation) ?? .none, modesetting: display.modesetting)
  }
}
