import Foundation
import Glibc
import Testing

@testable import Touch

/// Device properties as udev holds them, by device number: what libudev answers on a pad.
struct PropertyTable: DeviceProperties {
  var devices: [dev_t: [String: String]]

  func property(_ name: String, ofCharacterDevice device: dev_t) -> String? { devices[device]?[name] }
}

/// The device number of a node, as `fstat` gives it.
func deviceNumber(_ path: String) -> dev_t? {
  var status = stat()
  return stat(path, &status) == 0 ? status.st_rdev : nil
}

@Suite struct UdevCalibrationFromTheDatabase {
  // glibc's makedev() is a macro Swift cannot see: (major 13, minor 66) as the kernel numbers it.
  let panel: dev_t = 13 << 8 | 66
  let malformed: dev_t = 13 << 8 | 67
  let other: dev_t = 13 << 8 | 68

  @Test func aPanelsMatrixIsReadFromItsUdevPropertyAndOthersHaveNone() {
    // As the rule's ENV{LIBINPUT_CALIBRATION_MATRIX} leaves it beside udev's own properties.
    let udev = PropertyTable(devices: [
      panel: ["ID_INPUT": "1", "ID_INPUT_TOUCHSCREEN": "1", "LIBINPUT_CALIBRATION_MATRIX": "-1 0 1 0 1 0"],
      malformed: ["LIBINPUT_CALIBRATION_MATRIX": "1 0 oops"],
      other: ["ID_INPUT": "1"],
    ])
    let calibration = UdevCalibration(properties: udev)
    #expect(calibration.matrix(forDevice: panel) == [-1, 0, 1, 0, 1, 0])
    #expect(
      calibration.matrix(forDevice: malformed) == nil, "a malformed matrix is ignored, never half-applied")
    #expect(calibration.matrix(forDevice: other) == nil)
    #expect(calibration.matrix(forDevice: 13 << 8 | 69) == nil, "a device udev does not know")
  }

  /// What holds on any Linux host, with or without udev's database: libudev finds a character
  /// device by its number through sysfs and reads the kernel's own properties (its uevent), and a
  /// device no rule calibrates has no matrix.
  @Test func libudevReadsTheKernelsPropertiesOfARealDevice() throws {
    let null = try #require(deviceNumber("/dev/null"))
    let udev = try #require(Udev())
    // libudev puts its /dev before the kernel's DEVNAME.
    #expect(udev.property("DEVNAME", ofCharacterDevice: null) == "/dev/null")
    #expect(udev.property("MAJOR", ofCharacterDevice: null) == "1")
    #expect(udev.property("MINOR", ofCharacterDevice: null) == "3")
    #expect(udev.property("LIBINPUT_CALIBRATION_MATRIX", ofCharacterDevice: null) == nil)
    #expect(UdevCalibration().matrix(forDevice: null) == nil)
    let descriptor = open("/dev/null", O_RDONLY | O_CLOEXEC)
    defer { close(descriptor) }
    #expect(UdevCalibration().matrix(forDescriptor: descriptor) == nil)
    // 4095:255 is a number no driver hands out.
    #expect(udev.property("DEVNAME", ofCharacterDevice: 0xfff << 8 | 0xff) == nil)
  }

  /// Where udev runs (a pad, the VM), every input node's record in its database says what
  /// libudev answers; without a database (a build container) there is nothing to compare.
  @Test func libudevAgreesWithUdevsDatabaseWhereThereIsOne() throws {
    let udev = try #require(Udev())
    let nodes = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/input")) ?? []
    for node in nodes where node.hasPrefix("event") {
      guard let number = deviceNumber("/dev/input/" + node) else { continue }
      let major = number >> 8 & 0xfff | number >> 32 & ~0xfff
      let minor = number & 0xff | number >> 12 & ~0xff
      let record = "/run/udev/data/c\(major):\(minor & 0xfffff)"
      guard let text = try? String(contentsOfFile: record, encoding: .utf8) else { continue }
      for line in text.split(separator: "\n") where line.hasPrefix("E:") {
        let pair = line.dropFirst(2).split(separator: "=", maxSplits: 1).map(String.init)
        guard pair.count == 2 else { continue }
        #expect(udev.property(pair[0], ofCharacterDevice: number) == pair[1], "\(record): \(pair[0])")
      }
    }
  }
}
