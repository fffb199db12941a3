import PhotoDecoding
import RatingModel

/// What one screen shows; the painter turns it into pixels. It knows nothing of the flow's rules.
public enum ScreenContent: Sendable, Hashable {
  /// Nothing to rate: hall, window, the clerk's card, the time.
  case idle(IdleCard)
  /// The five buttons, the service item, the seconds left, and the button being pressed, if any;
  /// `rateLater` is the address a QR code offers for rating later on a phone.
  case prompt(serviceItem: String, secondsLeft: Int, pressed: SatisfactionLevel?, rateLater: String? = nil)
  /// The reasons checklist after a bad rating.
  case reasons(items: [ReasonItem], selected: [String])
  /// Thank you.
  case thanks
  /// The prompt closed unrated.
  case expired
  /// The prompt closed unrated, with the QR code to rate it later on a phone.
  case expiredRateLater(url: String)
  /// Out of service, with a code for the technician.
  case outOfService(fault: String)
  /// The device's identity for enrolment at the hub: its id and key fingerprint, also as a QR code.
  case deviceIdentity(deviceID: String, fingerprint: String, enrolmentCode: String)
  /// The installer's self-test: colour bars to judge the panel by, and each check's verdict.
  case selfTest(checks: [CheckLine])
  /// Calibration: a cross to tap at (x, y), fractions of the logical screen; step `step` of `steps`.
  case touchTarget(x: Double, y: Double, step: Int, steps: Int)
  /// The touch self-test: a grid of cells, row by row, green once touched.
  case touchGrid(columns: Int, rows: Int, touched: [Bool])

  /// Example contents by name, for `ratingpad screenshot` and the golden images.
  public static func sample(named name: String) throws(ScreenError) -> ScreenContent {
    switch name {
    case "idle":
      .idle(
        IdleCard(
          hall: "灵武市政务服务中心", window: "7", clerkName: "王芳", staffNumber: "A1024", clock: "2026-11-25 09:30"))
    case "prompt": .prompt(serviceItem: "户口迁移", secondsLeft: 8, pressed: nil)
    case "pressed": .prompt(serviceItem: "户口迁移", secondsLeft: 7, pressed: .satisfied)
    case "reasons":
      .reasons(items: ReasonChecklist.standard.items(for: .dissatisfied), selected: ["210", "213"])
    case "thanks": .thanks
    case "expired": .expired
    case "out-of-service": .outOfService(fault: "E-LEDGER-WRITE")
    case "device-identity":
      .deviceIdentity(
        deviceID: "640181-7-pad", fingerprint: "3f9a1c0e5b7d2a4486c1e0f3a9b8d7c6",
        enrolmentCode:
          "ratingpad:640181-7-pad:3f9a1c0e5b7d2a4486c1e0f3a9b8d7c6:A8s3fLr2Wm0yq5XvV9bTn4Kc1dGhJ6eP7uZoQwRtYiE="
      )
    case "self-test":
      .selfTest(checks: [
        CheckLine(name: "display", passed: true, detail: "Virtual-1 1280x800"),
        CheckLine(name: "touch", passed: true, detail: "QEMU USB Tablet"),
        CheckLine(name: "storage", passed: true, detail: "write, fsync, integrity ok"),
        CheckLine(name: "clock", passed: true, detail: "2026-11-25 09:30 CST"),
        CheckLine(name: "hub", passed: false, detail: "cannot reach the hub: connection refused"),
      ])
    case "touch-target": .touchTarget(x: 0.2, y: 0.2, step: 1, steps: 3)
    case "touch-grid":
      .touchGrid(
        columns: 4, rows: 3,
        touched: [true, true, false, true, true, true, true, false, true, true, true, true])
    case "idle-photo":
      .idle(
        IdleCard(
          hall: "灵武市政务服务中心", window: "7", clerkName: "王芳", staffNumber: "A1024", clock: "2026-11-25 09:30",
          photo: SamplePhoto.portrait))
    case "idle-closed":
      .idle(
        IdleCard(
          hall: "灵武市政务服务中心", window: "7", clerkName: "", staffNumber: "", clock: "2026-11-25 09:30",
          closed: true))
    case "prompt-rate-later":
      .prompt(serviceItem: "户口迁移", secondsLeft: 8, pressed: nil, rateLater: SamplePhoto.rateLaterURL)
    case "expired-rate-later": .expiredRateLater(url: SamplePhoto.rateLaterURL)
    default: throw .unknownScreen(name)
    }
  }

  /// The names `sample(named:)` knows.
  public static let sampleNames = [
    "idle", "prompt", "pressed", "reasons", "thanks", "expired", "out-of-service", "device-identity",
    "self-test", "touch-target", "touch-grid",
    // The clerk's card and rate later (issue 14).
    "idle-photo", "idle-closed", "prompt-rate-later", "expired-rate-later",
  ]
}

/// The idle screen's card.
public struct IdleCard: Sendable, Hashable {
  public var hall: String
  public var window: String
  public var clerkName: String
  public var staffNumber: String
  /// The date and time as shown, e.g. `2026-11-25 09:30`.
  public var clock: String
  /// The clerk's photo, when there is one.
  public var photo: Photo?
  /// Nobody is on duty: the card says the window is closed (暂停服务).
  public var closed: Bool

  public init(
    hall: String, window: String, clerkName: String, staffNumber: String, clock: String, photo: Photo? = nil,
    closed: Bool = false
  ) {
    self.hall = hall
    self.window = window
    self.clerkName = clerkName
    self.staffNumber = staffNumber
    self.clock = clock
    self.photo = photo
    self.closed = closed
  }
}

/// One line of the self-test report.
public struct CheckLine: Sendable, Hashable {
  /// What was checked: display, touch, storage, clock, hub.
  public var name: String
  /// Whether it passed.
  public var passed: Bool
  /// What was found, or what is wrong.
  public var detail: String

  /// Makes a line.
  public init(name: String, passed: Bool, detail: String) {
    self.name = name
    self.passed = passed
    self.detail = detail
  }
}
