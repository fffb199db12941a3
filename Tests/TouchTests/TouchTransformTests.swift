import Testing

@testable import Touch

@Suite struct Transforms {
  @Test func rotationUndoesThePaintersTurn() {
    // The painter maps logical (x, y) onto the panel; the touch transform must map it back.
    // 90°: logical (x, y) lands on panel (1 - y, x).
    let logical = (x: 0.2, y: 0.7)
    let cases: [(Int, (Double, Double))] = [
      (0, (0.2, 0.7)), (90, (1 - 0.7, 0.2)), (180, (1 - 0.2, 1 - 0.7)), (270, (0.7, 1 - 0.2)),
    ]
    for (rotation, panel) in cases {
      let back = TouchTransform(rotation: rotation).apply(x: panel.0, y: panel.1)
      #expect(abs(back.x - logical.x) < 1e-9 && abs(back.y - logical.y) < 1e-9, "rotation \(rotation)")
    }
  }

  @Test func theCalibrationMatrixComesFirstAndTheResultIsClamped() {
    // A panel mounted mirrored left-right: libinput's "-1 0 1 0 1 0".
    let mirrored = TouchTransform(calibration: [-1, 0, 1, 0, 1, 0])
    let point = mirrored.apply(x: 0.25, y: 0.5)
    #expect(point.x == 0.75 && point.y == 0.5)
    let scaled = TouchTransform(calibration: [1.2, 0, -0.1, 0, 1, 0])
    #expect(scaled.apply(x: 0, y: 0).x == 0)
    #expect(scaled.apply(x: 1, y: 1).x == 1)
  }

  @Test func theUdevFormIsParsedAndBadTextRefused() {
    #expect(TouchTransform.parseCalibration("1 0 0 0 1 0") == TouchTransform.identity)
    #expect(TouchTransform.parseCalibration("-1 0 1 0 1 0") == [-1, 0, 1, 0, 1, 0])
    #expect(TouchTransform.parseCalibration("1 0 0 0 1") == nil)
    #expect(TouchTransform.parseCalibration("1 0 0 0 1 x") == nil)
  }
}
