/// Where and as whom a hub speaks to its province: the base URL, the hall's settings (area code,
/// application mark, …) and its secrets (shared words, keys), as the profile names them.
public struct ProvinceConnection: Sendable {
  /// The province's base URL (`http://` or `https://`), the profile's paths under it.
  public let baseURL: String
  public let settings: [String: String]
  public let secrets: [String: String]

  /// Makes a connection.
  public init(baseURL: String, settings: [String: String], secrets: [String: String]) {
    self.baseURL = baseURL
    self.settings = settings
    self.secrets = secrets
  }

  /// The settings and secrets `profile` reads that this connection lacks, named as
  /// `setting.NAME` and `secret.NAME`; empty when it has them all.
  public func missing(for profile: ProvinceProfile) -> [String] {
    profile.settingNames.subtracting(settings.keys).sorted().map { "setting.\($0)" }
      + profile.secretNames.subtracting(secrets.keys).sorted().map { "secret.\($0)" }
  }
}
