import Testing

@testable import Touch

@Suite struct CalibrationFromThreeTaps {
  let targets: [(x: Double, y: Double)] = [(0.15, 0.15), (0.85, 0.5), (0.3, 0.85)]

  @Test func aPanelMountedMirroredAndShiftedIsUndone() throws {
    // The panel reports x mirrored and everything shifted: raw = (1 - x + 0.02, y - 0.03).
    let raw = targets.map { (x: 1 - $0.x + 0.02, y: $0.y - 0.03) }
    let matrix = try CalibrationSolver.matrix(raw: raw, targets: targets)
    let transform = TouchTransform(calibration: matrix, rotation: 0)
    let centre = transform.apply(x: 1 - 0.5 + 0.02, y: 0.5 - 0.03)
    #expect(abs(centre.x - 0.5) < 1e-9 && abs(centre.y - 0.5) < 1e-9, "\(centre)")
    #expect(abs(matrix[0] + 1) < 1e-9 && abs(matrix[4] - 1) < 1e-9, "\(matrix)")
  }

  @Test func anAccuratePanelGivesTheIdentity() throws {
    let matrix = try CalibrationSolver.matrix(raw: targets, targets: targets)
    for (value, expected) in zip(matrix, [1.0, 0, 0, 0, 1, 0]) { #expect(abs(value - expected) < 1e-9) }
  }

  @Test func tapsOnOneLineAreRefused() {
    #expect(throws: CalibrationSolver.Failure.collinear) {
      try CalibrationSolver.matrix(raw: [(0.1, 0.1), (0.5, 0.5), (0.9, 0.9)], targets: targets)
    }
  }
}
