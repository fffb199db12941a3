#if canImport(Glibc)
  import Glibc
#endif

/// Text to and from GB2312 through the C library's iconv, for provinces whose documents are GB2312.
enum GB2312 {
  /// A character GB2312 cannot write, or bytes that are not GB2312.
  struct Unwritable: Error, CustomStringConvertible {
    let description: String
  }

  /// The GB2312 bytes of `text`; a character outside GB2312 (a rare name character, an emoji) is
  /// an error naming it, never a `?` in its place.
  static func encode(_ text: String) throws(Unwritable) -> [UInt8] {
    do { return try convert(Array(text.utf8), from: "UTF-8", to: "GB2312") } catch {
      let bad = text.first { (try? convert(Array(String($0).utf8), from: "UTF-8", to: "GB2312")) == nil }
      throw Unwritable(
        description: "cannot be written in GB2312: '\(bad.map(String.init) ?? "?")' in '\(text.prefix(40))'")
    }
  }

  /// The text of GB2312 bytes.
  static func decode(_ bytes: [UInt8]) throws(Unwritable) -> String {
    do { return String(decoding: try convert(bytes, from: "GB2312", to: "UTF-8"), as: UTF8.self) } catch {
      throw Unwritable(description: "not GB2312 text")
    }
  }

  private struct Failed: Error {}

  private static func convert(_ input: [UInt8], from source: String, to target: String) throws(Failed)
    -> [UInt8]
  {
    let descriptor = iconv_open(target, source)
    guard let descriptor, descriptor != iconv_t(bitPattern: -1) else { throw Failed() }
    defer { iconv_close(descriptor) }
    var input = input
    // GB2312 is at most 2 bytes a character, UTF-8 at most 3 for what GB2312 holds.
    var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
    let outputCount = output.count
    let left: Int? = input.withUnsafeMutableBytes { inputBytes in
      output.withUnsafeMutableBytes { outputBytes in
        var inPointer = inputBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        var inLeft = inputBytes.count
        var outPointer = outputBytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        var outLeft = outputBytes.count
        guard iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else {
          return nil
        }
        return outLeft
      }
    }
    guard let left else { throw Failed() }
    return Array(output.prefix(outputCount - left))
  }
}
