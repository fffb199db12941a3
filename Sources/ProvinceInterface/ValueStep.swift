import Crypto
import Foundation
import NationalCrypto

/// One step a computed value goes through: a digest, a cipher, an encoding.
///
/// Written in a profile as `"md5"`, `"hex"`, or with a key: `"sm4-ecb $fujian_key"`.
enum ValueStep: Sendable, Equatable {
  /// UTF-8 bytes of text.
  case utf8
  /// GB2312 bytes of text (a character GB2312 lacks is an error naming it).
  case gb2312
  case md5, sm3
  /// Lower-case hex, upper-case hex, standard base64 with padding.
  case hex, upperHex, base64
  /// The first 16 bytes (an SM4 key from a digest).
  case first16
  /// SM4 in ECB mode with PKCS#7 padding, keyed by the value named (16 bytes).
  case sm4ECB(key: String)
  /// SM2 encryption under the public key named (hex, 04 || X || Y): C1 || C3 || C2, C1 with its 04.
  case sm2Encrypt(publicKey: String)
  /// SM2 encryption written C1 || C2 || C3 (the 2010 order some gateways kept).
  case sm2EncryptC1C2C3(publicKey: String)
  /// SM2 signature (r || s, 64 bytes) with the default signer ID, by the private key named (hex).
  case sm2Sign(privateKey: String)

  /// What a value is between steps.
  enum Kind: Sendable { case text, bytes }

  /// Parses a step as written.
  init(_ written: String) throws(ProfileProblem) {
    let words = written.split(separator: " ").map(String.init)
    func key() throws(ProfileProblem) -> String {
      guard words.count == 2, words[1].hasPrefix("$"), words[1].count > 1 else {
        throw ProfileProblem("step '\(written)' needs the value holding its key, e.g. '\(words[0]) $name'")
      }
      return String(words[1].dropFirst())
    }
    switch words.first ?? "" {
    case "utf8": self = .utf8
    case "gb2312": self = .gb2312
    case "md5": self = .md5
    case "sm3": self = .sm3
    case "hex": self = .hex
    case "upper-hex": self = .upperHex
    case "base64": self = .base64
    case "first16": self = .first16
    case "sm4-ecb": self = .sm4ECB(key: try key())
    case "sm2-encrypt": self = .sm2Encrypt(publicKey: try key())
    case "sm2-encrypt-c1c2c3": self = .sm2EncryptC1C2C3(publicKey: try key())
    case "sm2-sign": self = .sm2Sign(privateKey: try key())
    default:
      throw ProfileProblem(
        "unknown step '\(written)' (known: utf8, gb2312, md5, sm3, hex, upper-hex, base64, first16, sm4-ecb $key, sm2-encrypt $key, sm2-encrypt-c1c2c3 $key, sm2-sign $key)"
      )
    }
    if words.count > 1, keyReference == nil { throw ProfileProblem("step '\(words[0])' takes no key") }
  }

  /// The value named as this step's key, if it has one.
  var keyReference: String? {
    switch self {
    case .sm4ECB(let key), .sm2Encrypt(let key), .sm2EncryptC1C2C3(let key), .sm2Sign(let key): key
    default: nil
    }
  }

  /// The kind this step gives, from `input`; nil when it cannot take that kind.
  func output(from input: Kind) -> Kind? {
    switch self {
    case .utf8, .gb2312: input == .text ? .bytes : nil
    case .hex, .upperHex, .base64: input == .bytes ? .text : nil
    case .first16: input == .bytes ? .bytes : nil
    case .md5, .sm3, .sm4ECB, .sm2Encrypt, .sm2EncryptC1C2C3, .sm2Sign: .bytes
    }
  }

  /// Applies the step; `key` is the text of the value its key names.
  func apply(_ piece: ValuePiece, key: ValuePiece?) throws -> ValuePiece {
    switch self {
    case .utf8: return .bytes(Array(piece.text.utf8))
    case .gb2312: return .bytes(try GB2312.encode(piece.text))
    case .md5: return .bytes(Array(Insecure.MD5.hash(data: piece.bytes)))
    case .sm3: return .bytes(SM3.hash(piece.bytes))
    case .hex: return .text(Hex.string(piece.bytes))
    case .upperHex: return .text(Hex.string(piece.bytes).uppercased())
    case .base64: return .text(Data(piece.bytes).base64EncodedString())
    case .first16: return .bytes(Array(piece.bytes.prefix(16)))
    case .sm4ECB:
      return .bytes(try SM4(key: key?.bytes ?? []).encrypt(piece.bytes, mode: .ecb))
    case .sm2Encrypt, .sm2EncryptC1C2C3:
      let publicKey = try SM2PublicKey(hex: key?.text ?? "")
      let ciphertext = try publicKey.encrypt(piece.bytes)
      if case .sm2Encrypt = self { return .bytes(ciphertext.c1c3c2) }
      return .bytes(ciphertext.c1c2c3)
    case .sm2Sign:
      let privateKey = try SM2PrivateKey(hex: key?.text ?? "")
      return .bytes(try privateKey.sign(piece.bytes).raw)
    }
  }
}

/// A value between steps: text, or bytes.
enum ValuePiece: Sendable, Equatable {
  case text(String)
  case bytes([UInt8])

  /// The text; bytes are read as UTF-8 (the load-time kind check keeps this rare).
  var text: String {
    switch self {
    case .text(let text): text
    case .bytes(let bytes): String(decoding: bytes, as: UTF8.self)
    }
  }

  /// The bytes; text is written as UTF-8.
  var bytes: [UInt8] {
    switch self {
    case .text(let text): Array(text.utf8)
    case .bytes(let bytes): bytes
    }
  }
}
