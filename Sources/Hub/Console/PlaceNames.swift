/// Where a rating was given, as the console names it: the device's hall and the window (the
/// transaction's window, else the device card's).
struct PlaceNames: Sendable {
  private let cards: [String: (name: String, hall: String, window: String)]

  init(_ devices: [EnrolledDevice]) {
    cards = Dictionary(
      devices.map { ($0.fingerprint, (name: $0.name, hall: $0.card.hall, window: $0.card.window)) },
      uniquingKeysWith: { first, _ in first })
  }

  /// The hall of the device.
  func hall(_ device: String) -> String { cards[device]?.hall.nonEmpty ?? "(none)" }

  /// The device's name in the hub's configuration.
  func deviceName(_ device: String) -> String { cards[device]?.name ?? String(device.prefix(8)) }

  /// The window: the transaction's, else the device card's.
  func window(_ device: String, transactionWindow: String) -> String {
    transactionWindow.nonEmpty ?? cards[device]?.window.nonEmpty ?? "-"
  }

  /// "灵武市政务服务中心 · 窗口 3".
  func place(_ line: RatingLine) -> String {
    "\(hall(line.device)) · 窗口 \(window(line.device, transactionWindow: line.window))"
  }
}
