import ConfigurationFile
import Foundation

/// The `[console]` section: where the hall's web console listens, how long a login lasts, and the
/// public holidays its follow-up deadlines skip. Without the section the hub serves no console.
public struct ConsoleConfiguration: Sendable {
  /// Listening address and port of the console, apart from the pads' port.
  public var host = "127.0.0.1"
  public var port = 8442
  /// How long a login lasts.
  public var sessionHours = 8
  /// The hall's name in the console's title.
  public var title = "政务服务好差评 Service ratings"
  /// Working days for follow-up deadlines.
  public var calendar = FollowUpCalendar()
  /// The console's address as people reach it (e.g. `https://hub.hall.local:8442`), for the link
  /// to each bad rating's follow-up in alerts; no link when nil.
  public var url: String?

  /// Logins last 1 to 24 hours: an office day, not a week.
  static let sessionHourRange = 1...24

  /// Makes a configuration listening on `port`.
  public init(port: Int = 8442) { self.port = port }

  /// Reads the section; errors name file, line and key.
  init(_ section: TOMLSection) throws(ConfigurationError) {
    try section.rejectUnknownKeys(allowed: ["listen", "session_hours", "title", "holidays_file", "url"])
    if let url = try section.string("url") {
      guard let parsed = URLComponents(string: url), ["http", "https"].contains(parsed.scheme ?? ""),
        parsed.host?.isEmpty == false, parsed.query == nil, url.count <= 200
      else {
        throw section.error("url", "must be the console's http(s) address, e.g. https://hub.hall.local:8442")
      }
      self.url = url.hasSuffix("/") ? String(url.dropLast()) : url
    }
    if let listen = try section.string("listen") {
      guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
        (0...65535).contains(port), colon > listen.startIndex
      else { throw section.error("listen", "must be HOST:PORT, e.g. 127.0.0.1:8442") }
      host = String(listen[..<colon])
      self.port = port
    }
    sessionHours = try section.int("session_hours", in: Self.sessionHourRange) ?? sessionHours
    if let title = try section.string("title") {
      guard (1...80).contains(title.count) else { throw section.error("title", "must be 1 to 80 characters") }
      self.title = title
    }
    if let path = try section.string("holidays_file") {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw section.error("holidays_file", "cannot read \(path)")
      }
      do { calendar = try FollowUpCalendar(holidayList: text, file: path) } catch {
        throw section.error("holidays_file", error.description)
      }
    }
  }
}
