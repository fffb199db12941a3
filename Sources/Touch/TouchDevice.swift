import Foundation
import CEvdev
import Glibc

/// An evdev touch screen or absolute pointer, read through libevdev; owns the fd and the libevdev handle.
public final class TouchDevice {
  private let fd: Int32
  private let device: OpaquePointer
  /// The device node.
  public let path: String
  /// The kernel's name for it.
  public let name: String
  /// USB-style `vendor:product` in hex, e.g. `0eef:0001`.
  public let vendorProduct: String
  /// The contact width (ABS_MT_TOUCH_MAJOR) above which a contact is a palm, if the panel reports widths.
  public let palmMajor: Int32?
  /// How it reports contacts.
  public let mode: ContactDecoder.ReportingMode
  /// The horizontal and vertical ranges, from absinfo.
  public let xRange: AxisRange
  public let yRange: AxisRange
  /// The descriptor the event loop polls.
  public var fileDescriptor: Int32 { fd }

  /// Opens `path` if it is a touch screen or an absolute pointer; nil for any other input device.
  public init?(path: String) {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    var handle: OpaquePointer?
    guard libevdev_new_from_fd(fd, &handle) == 0, let handle else {
      close(fd)
      return nil
    }
    // Event stamps on the monotonic clock: hold and debounce are differences of stamps, and the
    // default CLOCK_REALTIME jumps when the pad's clock is set. Every kernel since 3.4 has it.
    _ = libevdev_set_clock_id(handle, CLOCK_MONOTONIC)
    func has(_ type: Int32, _ code: Int32) -> Bool {
      libevdev_has_event_code(handle, UInt32(type), UInt32(code)) == 1
    }
    let capabilities = DeviceCapabilities(
      direct: libevdev_has_property(handle, UInt32(INPUT_PROP_DIRECT)) == 1,
      absXY: has(EV_ABS, ABS_X) && has(EV_ABS, ABS_Y),
      mtPosition: has(EV_ABS, ABS_MT_POSITION_X) && has(EV_ABS, ABS_MT_POSITION_Y),
      mtSlot: has(EV_ABS, ABS_MT_SLOT), buttonTouch: has(EV_KEY, BTN_TOUCH), buttonLeft: has(EV_KEY, BTN_LEFT)
    )
    guard let mode = capabilities.touchMode else {
      libevdev_free(handle)
      close(fd)
      return nil
    }
    self.fd = fd
    device = handle
    self.path = path
    self.mode = mode
    name = String(cString: libevdev_get_name(handle))
    vendorProduct = String(
      format: "%04x:%04x", libevdev_get_id_vendor(handle), libevdev_get_id_product(handle))
    // A fingertip is around a centimetre; a palm spans a good part of a pad's panel. A contact a
    // sixth of the width across is no finger.
    palmMajor =
      has(EV_ABS, ABS_MT_TOUCH_MAJOR)
      ? (libevdev_get_abs_maximum(handle, UInt32(ABS_MT_POSITION_X))
        - libevdev_get_abs_minimum(handle, UInt32(ABS_MT_POSITION_X))) / 6 : nil
    let (xAxis, yAxis) = mode == .single ? (ABS_X, ABS_Y) : (ABS_MT_POSITION_X, ABS_MT_POSITION_Y)
    xRange = AxisRange(
      minimum: libevdev_get_abs_minimum(handle, UInt32(xAxis)),
      maximum: libevdev_get_abs_maximum(handle, UInt32(xAxis)))
    yRange = AxisRange(
      minimum: libevdev_get_abs_minimum(handle, UInt32(yAxis)),
      maximum: libevdev_get_abs_maximum(handle, UInt32(yAxis)))
  }

  /// Whether a configured pin (a name, a /dev/input path or `vendor:product`) means this device.
  public func matches(pin: String) -> Bool {
    pin == name || pin == path || pin.lowercased() == vendorProduct
  }

  /// Takes the device for this process alone (EVIOCGRAB), or gives it back; false when the
  /// kernel refused (another program grabbed it first).
  public func grab(_ exclusive: Bool) -> Bool {
    libevdev_grab(device, exclusive ? LIBEVDEV_GRAB : LIBEVDEV_UNGRAB) == 0
  }

  deinit {
    libevdev_free(device)
    close(fd)
  }

  /// Every touch device under /dev/input, but those at `excluded` paths (already open).
  public static func discover(directory: String = "/dev/input", excluding excluded: Set<String> = [])
    -> [TouchDevice]
  {
    guard let entries = try? FileManagerLite.list(directory) else { return [] }
    return entries.filter { $0.hasPrefix("event") }.sorted().map { directory + "/" + $0 }
      .filter { !excluded.contains($0) }.compactMap { TouchDevice(path: $0) }
  }

  /// Reads what is ready. After a SYN_DROPPED it drains libevdev's resync and reports the drop,
  /// so the decoder cancels the touch in progress. Returns nil when the device is gone (ENODEV).
  public func readEvents() -> [InputEvent]? {
    var events: [InputEvent] = []
    var flags = LIBEVDEV_READ_FLAG_NORMAL.rawValue
    while true {
      var event = input_event()
      let status = libevdev_next_event(device, flags, &event)
      if status == -EAGAIN {
        if flags == LIBEVDEV_READ_FLAG_SYNC.rawValue {
          flags = LIBEVDEV_READ_FLAG_NORMAL.rawValue
          continue
        }
        return events
      }
      if status == -ENODEV { return nil }
      if status < 0 { return events }
      if status == Int32(LIBEVDEV_READ_STATUS_SYNC.rawValue) {
        if flags == LIBEVDEV_READ_FLAG_NORMAL.rawValue {
          events.append(InputEvent(type: 0, code: 3, value: 0))
          flags = LIBEVDEV_READ_FLAG_SYNC.rawValue
        }
        continue  // resync state is not a fresh touch: skip it
      }
      let time = UInt64(event.time.tv_sec) * 1_000_000_000 + UInt64(event.time.tv_usec) * 1000
      events.append(InputEvent(type: event.type, code: event.code, value: event.value, time: time))
    }
  }
}

/// Directory listing without Foundation.
enum FileManagerLite {
  static func list(_ path: String) throws -> [String] {
    guard let directory = opendir(path) else { return [] }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: entry.pointee.d_name) {
        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
      }
      names.append(name)
    }
    return names
  }
}
