/// One province's interface, read from a profile file (`Device/provinces/*.toml`): transport,
/// encoding, authentication, payload encryption, field map and code tables, batching, rate, and
/// how its replies read. Adding a province that speaks one of these transports is a new file.
public struct ProvinceProfile: Sendable {
  /// The profile's name, e.g. `shandong`.
  public let name: String
  /// What it is, for operators.
  public let description: String
  /// Ratings per request (1 when the interface takes one at a time).
  public let batch: Int
  /// Requests per second at most, and how many at once.
  public let ratePerSecond: Int
  public let concurrency: Int
  /// How long one request may take.
  public let timeoutSeconds: Int

  let request: RequestShape
  let token: TokenShape?
  let values: [String: ProfileValue]
  let fields: [FieldRule]
  let tables: [String: [String: String]]
  /// JSON items: the key each rating's object is wrapped in (`{"projectService": {…}}`), if any.
  let itemWrap: String?
  /// XML items: the root element and the encoding the declaration names.
  let xmlRoot: String
  let xmlEncoding: String
  let reply: ReplyRules

  /// The hall settings (`[uplink.settings]`) and secrets (`[uplink.secrets]`) the profile reads.
  public let settingNames: Set<String>
  public let secretNames: Set<String>
}
