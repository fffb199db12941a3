import Foundation
import Testing

@testable import Touch

@Suite struct UdevCalibrationFromTheDatabase {
  @Test func aPanelsMatrixIsReadFromItsUdevRecordAndOthersHaveNone() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("udev-\(UUID().uuidString)")
      .path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    // As udev writes it for an input node with the rule's ENV{LIBINPUT_CALIBRATION_MATRIX}.
    try
      "I:1234567\nE:ID_INPUT=1\nE:ID_INPUT_TOUCHSCREEN=1\nE:LIBINPUT_CALIBRATION_MATRIX=-1 0 1 0 1 0\nG:ratingpad\n"
      .write(toFile: directory + "/c13:66", atomically: true, encoding: .utf8)
    try "E:LIBINPUT_CALIBRATION_MATRIX=1 0 oops\n".write(
      toFile: directory + "/c13:67", atomically: true, encoding: .utf8)
    let database = UdevCalibration(directory: directory)
    #expect(database.matrix(major: 13, minor: 66) == [-1, 0, 1, 0, 1, 0])
    #expect(database.matrix(major: 13, minor: 67) == nil, "a malformed matrix is ignored, never half-applied")
    #expect(database.matrix(major: 13, minor: 68) == nil)
  }
}
