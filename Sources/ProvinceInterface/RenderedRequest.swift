/// One HTTP request to a province, written out: what `ProvinceClient` sends.
struct RenderedRequest: Sendable {
  let method: String
  /// The full URL, query included.
  let url: String
  let headers: [(String, String)]
  let body: [UInt8]
}
