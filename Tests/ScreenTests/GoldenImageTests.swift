import Foundation
import RatingModel
import Testing

@testable import Screen

/// Every screen at two sizes and one portrait rotation, against the committed reference images.
///
/// Tolerance: a pixel matches when no channel differs by more than 8; at most 0.5% of the
/// pixels may differ (room for font-rasteriser updates, none for a moved or recoloured element).
/// `Tests/ScreenTests/regenerate-goldens` redraws the references after a deliberate change.
@Suite struct GoldenImages {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Golden")
  static let cases: [(String, Int, Int, Rotation)] = ScreenContent.sampleNames.flatMap { name in
    [(name, 1280, 800, Rotation.none), (name, 800, 480, .none), (name, 800, 480, .quarter)]
  }

  @Test(arguments: cases)
  func matchesItsReference(screen: String, width: Int, height: Int, rotation: Rotation) throws {
    let suffix = rotation == .none ? "" : "-r\(rotation.rawValue)"
    let path = Self.directory.appendingPathComponent("\(screen)-\(width)x\(height)\(suffix).png").path
    let golden = try PNGImage(path: path)
    let frame = MemoryFrame(width: width, height: height, rotation: rotation)
    Painter().paint(try ScreenContent.sample(named: screen), on: frame.canvas)
    #expect(golden.width == width && golden.height == height)
    var differing = 0
    for y in 0..<height {
      for x in 0..<width {
        let a = frame.pixel(x: x, y: y)
        let b = golden.pixel(x: x, y: y)
        if max(abs(Int(a.red) - Int(b.red)), abs(Int(a.green) - Int(b.green)), abs(Int(a.blue) - Int(b.blue)))
          > 8
        {
          differing += 1
        }
      }
    }
    #expect(Double(differing) <= Double(width * height) * 0.005, "\(differing) pixels differ from \(path)")
  }
}
