/// The number of a resident identity card (居民身份证, GB 11643): 17 digits and a check
/// character, ISO 7064 MOD 11-2 over them (0-9 or X).
enum IdentityCardNumber {
  static let length = 18
  /// 2^(17-i) mod 11, the weight of the i-th digit.
  private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  private static let checkCharacters = Array("10X98765432")

  /// `number` (a lower-case check character made upper-case) when it is one; otherwise what is
  /// wrong with it, for `field`.
  static func checked(_ number: String, field: String) throws(CaseFieldError) -> String {
    let characters = Array(number.uppercased())
    let digits = characters.prefix(17).compactMap(\.wholeNumberValue)
    guard characters.count == length, digits.count == 17, characters.prefix(17).allSatisfy(\.isASCII),
      characters[17].isASCII, characters[17].isNumber || characters[17] == "X"
    else {
      throw CaseFieldError(field, "an id_card number has 17 digits and a check character (0-9 or X)")
    }
    let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
    let expected = checkCharacters[sum % 11]
    guard characters[17] == expected else {
      throw CaseFieldError(
        field, "the id_card number's check character is \(characters[17]), its digits give \(expected)")
    }
    return String(characters)
  }
}
