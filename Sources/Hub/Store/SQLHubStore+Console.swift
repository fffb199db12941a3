extension SQLHubStore {
  private static let lineColumns =
    "uuid, device, wall_ms, received_ms, level, txn_window, staff, department, service_item"

  public func ratingLines(madeIn range: Range<Int64>, scope: RatingScope, limit: Int) async throws
    -> [RatingLine]
  {
    let condition = scope.condition
    return try await database.rows(
      """
      SELECT \(Self.lineColumns) FROM records
      WHERE kind = 'rating' AND wall_ms >= ? AND wall_ms < ? AND \(condition.sql)
      ORDER BY wall_ms DESC LIMIT ?
      """,
      [.integer(range.lowerBound), .integer(range.upperBound)] + condition.values + [.integer(Int64(limit))]
    ).map(RatingLine.init(row:))
  }

  public func ratingLines(arrivedSince received: Int64, limit: Int) async throws -> [RatingLine] {
    try await database.rows(
      """
      SELECT \(Self.lineColumns) FROM records WHERE kind = 'rating' AND received_ms >= ?
      ORDER BY received_ms LIMIT ?
      """, [.integer(received), .integer(Int64(limit))]
    ).map(RatingLine.init(row:))
  }
}

extension RatingLine {
  fileprivate init(row: [SQLValue]) {
    self.init(
      uuid: row[0].text ?? "", device: row[1].text ?? "", wallMilliseconds: row[2].integer ?? 0,
      receivedMilliseconds: row[3].integer ?? 0, level: row[4].text ?? "", window: row[5].text ?? "",
      staffNumber: row[6].text ?? "", department: row[7].text ?? "", serviceItem: row[8].text ?? "")
  }
}
