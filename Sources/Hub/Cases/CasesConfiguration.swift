import ConfigurationFile
import SyncProtocol

/// The `[cases]` section: the counter system's token for the case API, the key that seals
/// applicants' identities, and how long an identity is kept after its forward was acknowledged.
/// Without the section the hub has no case API.
public struct CasesConfiguration: Sendable {
  /// What the counter system presents (`token_file`).
  public var token: AccessToken
  /// Seals identities with the key of `key_file`.
  public var seal: IdentitySeal
  /// Days an identity is kept after the province acknowledged the forward (`retention_days`).
  public var retentionDays: Int

  /// Unless configured: 30 days, for a province that asks again about a rating it acknowledged.
  public static let defaultRetentionDays = 30
  /// The longest retention accepted: ten years.
  public static let retentionRange = 0...3650

  /// Makes a configuration.
  public init(token: AccessToken, seal: IdentitySeal, retentionDays: Int = defaultRetentionDays) {
    self.token = token
    self.seal = seal
    self.retentionDays = retentionDays
  }

  /// Reads the section, making the key file when it is missing; errors name file, line and key.
  init(_ section: TOMLSection) throws(ConfigurationError) {
    try section.rejectUnknownKeys(allowed: ["token_file", "key_file", "retention_days"])
    let token = try section.accessToken("token_file", required: true)!
    let path = try section.requiredString("key_file")
    let key: IdentitySeal
    do { key = IdentitySeal(key: try CaseKeyFile.load(path: path)) } catch {
      throw section.error("key_file", error.description)
    }
    self.init(
      token: token, seal: key,
      retentionDays: try section.int("retention_days", in: Self.retentionRange) ?? Self.defaultRetentionDays)
  }
}
