/// From a panel's normalised touch position to the logical (rotated) screen's: first the
/// calibration matrix, then the screen's rotation, then a clamp to 0…1.
public struct TouchTransform: Sendable, Equatable {
  /// A 2×3 matrix in libinput's LIBINPUT_CALIBRATION_MATRIX convention: x' = a·x + b·y + c, y' = d·x + e·y + f.
  public var calibration: [Double]
  /// How many degrees clockwise the picture is turned on the panel: 0, 90, 180 or 270.
  public var rotation: Int

  /// The identity calibration.
  public static let identity = [1.0, 0, 0, 0, 1, 0]

  public init(calibration: [Double] = TouchTransform.identity, rotation: Int = 0) {
    self.calibration = calibration
    self.rotation = rotation
  }

  /// Parses the udev property form, six numbers separated by spaces ("1 0 0 0 1 0").
  public static func parseCalibration(_ text: String) -> [Double]? {
    let numbers = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).compactMap { Double($0) }
    let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard numbers.count == 6, fields.count == 6, numbers.allSatisfy(\.isFinite) else { return nil }
    return numbers
  }

  /// The logical-screen position of a panel position.
  public func apply(x: Double, y: Double) -> (x: Double, y: Double) {
    let m = calibration
    let cx = m[0] * x + m[1] * y + m[2]
    let cy = m[3] * x + m[4] * y + m[5]
    // The painter turns the logical screen clockwise onto the panel; undo that for the touch.
    let (lx, ly): (Double, Double)
    switch rotation {
    case 90: (lx, ly) = (cy, 1 - cx)
    case 180: (lx, ly) = (1 - cx, 1 - cy)
    case 270: (lx, ly) = (1 - cy, cx)
    default: (lx, ly) = (cx, cy)
    }
    return (min(1, max(0, lx)), min(1, max(0, ly)))
  }
}
