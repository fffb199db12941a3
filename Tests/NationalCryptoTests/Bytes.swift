/// Hex in the test vectors: spaces allowed, as the standards print them in groups of eight digits.
func bytes(_ hex: String) -> [UInt8] {
  let digits = Array(hex.utf8.filter { $0 != UInt8(ascii: " ") })
  precondition(digits.count % 2 == 0, "odd hex: \(hex)")
  return stride(from: 0, to: digits.count, by: 2).map {
    UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)!
  }
}

/// Lower-case hex, for comparing with the vectors and for the gmssl helper's arguments.
func hex(_ bytes: [UInt8]) -> String {
  bytes.map { String($0 >> 4, radix: 16) + String($0 & 0x0f, radix: 16) }.joined()
}
