/// The checks every free-text case field passes where it enters: present when required, at most
/// `limit` characters, no control characters and no spaces at either end (which would make two
/// spellings of one value).
enum CaseText {
  /// `value` when it passes, nil when it is absent and optional; otherwise the field's error.
  static func checked(_ value: String?, field: String, limit: Int, required: Bool = true)
    throws(CaseFieldError) -> String?
  {
    guard let value, !value.isEmpty else {
      if required { throw CaseFieldError(field, "is required") }
      return nil
    }
    // UTF-8 length bounds the character count, so most values skip counting characters.
    if value.utf8.count > limit, value.count > limit {
      throw CaseFieldError(field, "has \(value.count) characters, at most \(limit) are allowed")
    }
    // Control characters (Unicode category Cc) are exactly U+0000–U+001F and U+007F–U+009F.
    if value.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) {
      throw CaseFieldError(field, "must not contain control characters")
    }
    if value.first!.isWhitespace || value.last!.isWhitespace {
      throw CaseFieldError(field, "must not begin or end with a space")
    }
    return value
  }

  /// A required field's value (see `checked`).
  static func required(_ value: String?, field: String, limit: Int) throws(CaseFieldError) -> String {
    try checked(value, field: field, limit: limit)!
  }
}
