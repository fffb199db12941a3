/// 统一社会信用代码, the unified social credit code of a department (GB 32100): 18 characters of
/// the digits and the capital letters but I, O, Z, S and V.
enum CreditCode {
  static let length = 18
  private static let alphabet = Set("0123456789ABCDEFGHJKLMNPQRTUWXY")

  /// `text` when it is a code of the right form; otherwise what is wrong, for `field`.
  static func checked(_ text: String?, field: String) throws(CaseFieldError) -> String {
    let code = try CaseText.required(text, field: field, limit: 64)
    guard code.count == length, code.allSatisfy(alphabet.contains) else {
      throw CaseFieldError(
        field,
        "'\(code)' is not a unified social credit code (18 of 0-9 and A-Z without I, O, S, V, Z)")
    }
    return code
  }
}
