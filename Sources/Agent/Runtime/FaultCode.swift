/// A fault shown to the technician on the out-of-service screen and in the health report.
public enum FaultCode: Sendable {
  /// The ledger refused a write (disk full, I/O error): no rating can be accepted.
  case ledgerWrite(any Error)

  /// A short code and the underlying reason.
  public var text: String {
    switch self {
    case .ledgerWrite(let error): "E-LEDGER-WRITE: \(error)"
    }
  }
}
