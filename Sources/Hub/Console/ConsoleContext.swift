import Hummingbird
import HummingbirdCore

/// A console request's context: who is logged in (after `SessionGate`), the form it posted, and
/// the address it came from (for login throttling).
struct ConsoleContext: RequestContext {
  var coreContext: CoreRequestContextStorage
  /// The peer's IP address.
  let remoteAddress: String?
  /// The session and its user, once the gate has let the request in.
  var session: ConsoleSession?
  var user: ConsoleUser?
  /// A POST's form, read (and its CSRF token checked) by the gate.
  var form = FormFields()

  init(source: ApplicationRequestContextSource) {
    coreContext = .init(source: source)
    remoteAddress = source.channel.remoteAddress?.ipAddress
  }

  /// Forms are small: 64 KiB.
  var maxUploadSize: Int { 64 << 10 }
}
