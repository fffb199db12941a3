import ConfigurationFile
import RatingModel
import SyncProtocol

/// A pad enrolled in the hub's database from what its installer has: the pad's provisioning file
/// (hall, window, department, area code, channel, and the hub token it pushes with) and the
/// enrolment code it showed (its device id and key).
public struct PadEnrolment: Sendable {
  /// The name reports and logs use.
  public let name: String
  /// The device card the hub keeps.
  public let card: DeviceCard
  /// The SHA-256 of the pad's push token as presented.
  let tokenHash: String

  /// Reads the provisioning file at `path` and checks `code` (its text); `name` defaults to the
  /// device id. Errors name the file, line and key, or what is wrong with the code.
  public init(provisioningFile path: String, code text: String, name: String? = nil) throws {
    let code = try EnrolmentCode(text: text)
    let root = try TOMLSection.root(readingFile: path)
    // Only what the hub needs is read: the rest of the file is the pad's business.
    guard let device = try root.section("device", required: true),
      let hub = try root.section("hub", required: true)
    else { throw root.error("device", "is required") }
    let channelName = try device.string("channel") ?? Channel.windowPad.rawValue
    guard let channel = Channel(rawValue: channelName) else {
      throw device.error("channel", "must be window_pad or kiosk, not '\(channelName)'")
    }
    let token: AccessToken
    do {
      if let secret = try hub.string("token") {
        token = try AccessToken(secret: secret)
      } else {
        token = try AccessToken.load(path: try hub.requiredString("token_file"))
      }
    } catch let error as ConfigurationError { throw error } catch {
      throw hub.error("token", "\(error)")
    }
    self.name = name ?? code.deviceID
    card = DeviceCard(
      fingerprint: code.fingerprint, publicKey: code.publicKey,
      areaCode: try device.requiredString("area_code"),
      department: try device.requiredString("department"), hall: try device.requiredString("hall"),
      window: try device.string("window") ?? "", channel: channel.rawValue,
      channelCode: channel.provincialCode,
      software: "")
    tokenHash = PushTokenHash.of(token)
  }

  /// Enrols the pad in `store` (again, if it was: its stored chain is kept).
  public func enrol(in store: any HubStore) async throws {
    try await store.enrolPad(card, name: name, tokenHash: tokenHash)
  }
}
