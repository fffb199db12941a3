import RatingModel

/// Every fault the pad raises, each with its code: the same code in the log (`FAULT E-…: why`),
/// in the health report and, for those that stop rating, on the out-of-service screen.
public enum FaultCode: Sendable {
  /// The ledger refused a write (disk full, I/O error): no rating can be accepted.
  case ledgerWrite(any Error)
  /// The ledger has records but the key that signed them is missing, empty or unreadable; the
  /// agent will not start with a new key unasked (`ratingpad rekey`).
  case deviceKeyLost(String)
  /// The ledger failed its integrity check at start and was set aside (`setAside` says where).
  case ledgerCorrupt(setAside: String)
  /// The display shows nothing: none opened, another program holds it, or it is unplugged.
  case display(String)
  /// No touch panel (or none matching the pin): no rating can be made.
  case noTouchPanel(pin: String?)
  /// A touch panel that was read disappeared.
  case touchPanelLost(path: String)
  /// The HTTP API cannot serve.
  case api(String)
  /// A kiosk's application did not hand the screen over for a prompt (or the pad cannot ask it
  /// to): the prompt is recorded as not shown.
  case screenShare(String)
  /// The pad cannot speak (no sound card, a failed write, a prompt file that cannot be played);
  /// it rates on, silently.
  case voice(String)

  /// The code technicians, tests and the VM scenarios look for.
  public var code: String {
    switch self {
    case .ledgerWrite: "E-LEDGER-WRITE"
    case .deviceKeyLost: "E-DEVICE-KEY"
    case .ledgerCorrupt: "E-LEDGER-CORRUPT"
    case .display: "E-DISPLAY"
    case .noTouchPanel: "E-TOUCH-NONE"
    case .touchPanelLost: "E-TOUCH"
    case .api: "E-API"
    case .voice: "E-VOICE"
    case .screenShare: "E-SCREEN-SHARE"
    }
  }

  /// What went wrong, in words.
  public var reason: String {
    switch self {
    case .ledgerWrite(let error): "\(error)"
    case .deviceKeyLost(let reason): reason
    case .ledgerCorrupt(let setAside): "the ledger failed its integrity check and was set aside: \(setAside)"
    case .display(let reason): reason
    case .noTouchPanel(let pin):
      "no touch screen or absolute pointer\(pin.map { " named \($0)" } ?? "") under /dev/input"
    case .touchPanelLost(let path): "\(path) disappeared"
    case .api(let reason): reason
    case .voice(let reason): reason
    case .screenShare(let reason): reason
    }
  }

  /// The code and the reason, as the log and the health report's screen line give it.
  public var summary: String { "\(code): \(reason)" }

  /// The log line that raises it.
  public var logLine: String { "FAULT \(summary)" }

  /// What the out-of-service screen and the health report's faults show: the code, with the
  /// reason where the technician needs it to act (what the ledger said).
  public var text: String {
    switch self {
    case .ledgerWrite: summary
    default: code
    }
  }
}
