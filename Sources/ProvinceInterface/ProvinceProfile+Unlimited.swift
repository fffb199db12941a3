extension ProvinceProfile {
  /// The same interface with its rate lifted and `concurrency` requests at once: for a benchmark
  /// against a simulator, to see the hub's own throughput. Never for a real province, whose limit
  /// the profile states.
  public func unlimited(concurrency: Int) -> ProvinceProfile {
    ProvinceProfile(
      name: name, description: description, batch: batch, ratePerSecond: Self.unlimitedRate,
      concurrency: max(1, concurrency), timeoutSeconds: timeoutSeconds, request: request, token: token,
      values: values, fields: fields, tables: tables, itemWrap: itemWrap, xmlRoot: xmlRoot,
      xmlEncoding: xmlEncoding, reply: reply, settingNames: settingNames, secretNames: secretNames)
  }

  /// Requests a second that `ProvinceClient` spaces by a microsecond: no limit in practice.
  public static let unlimitedRate = 1_000_000
}
