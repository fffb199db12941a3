/// Computes libinput's calibration matrix from three taps: where each landed on the panel (raw,
/// normalised) and where it should have (the target, normalised, before rotation).
public enum CalibrationSolver {
  /// Why no matrix came out.
  public enum Failure: Error, Equatable, CustomStringConvertible {
    /// The taps lie (almost) on one line, so they say nothing about one direction.
    case collinear
    /// A matrix needs exactly three taps and three targets.
    case needsThreePoints

    public var description: String {
      switch self {
      case .collinear: "the three taps lie almost on one line; tap each cross at its centre and try again"
      case .needsThreePoints: "calibration needs exactly three taps"
      }
    }
  }

  /// Solves a·rx + b·ry + c = tx and d·rx + e·ry + f = ty for the three pairs.
  public static func matrix(raw: [(x: Double, y: Double)], targets: [(x: Double, y: Double)]) throws(Failure)
    -> [Double]
  {
    guard raw.count == 3, targets.count == 3 else { throw .needsThreePoints }
    let (r0, r1, r2) = (raw[0], raw[1], raw[2])
    let determinant = r0.x * (r1.y - r2.y) - r0.y * (r1.x - r2.x) + (r1.x * r2.y - r2.x * r1.y)
    guard abs(determinant) > 1e-3 else { throw .collinear }
    // Cramer's rule on [rx ry 1] · (a b c) = t, once per axis.
    func solve(_ t0: Double, _ t1: Double, _ t2: Double) -> [Double] {
      let a = (t0 * (r1.y - r2.y) - r0.y * (t1 - t2) + (t1 * r2.y - t2 * r1.y)) / determinant
      let b = (r0.x * (t1 - t2) - t0 * (r1.x - r2.x) + (r1.x * t2 - r2.x * t1)) / determinant
      let c =
        (r0.x * (r1.y * t2 - r2.y * t1) - r0.y * (r1.x * t2 - r2.x * t1) + t0 * (r1.x * r2.y - r2.x * r1.y))
        / determinant
      return [a, b, c]
    }
    return solve(targets[0].x, targets[1].x, targets[2].x) + solve(targets[0].y, targets[1].y, targets[2].y)
  }
}
