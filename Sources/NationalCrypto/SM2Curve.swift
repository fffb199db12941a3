import CLibCrypto

/// The recommended curve through libcrypto: points checked, public keys derived, and the
/// short-lived EVP_PKEY each operation uses. Keys stay plain bytes outside this file, so
/// they are values that cross threads freely; an EVP_PKEY lives only for one call.
enum SM2Curve {
  /// The curve's group for `body`, freed after it.
  private static func withGroup<T>(
    _ body: (OpaquePointer) throws(NationalCryptoError) -> T
  ) throws(NationalCryptoError) -> T {
    guard let group = EC_GROUP_new_by_curve_name(NID_sm2) else { throw .openSSL("SM2 curve") }
    defer { EC_GROUP_free(group) }
    return try body(group)
  }

  /// A private scalar for `body`, cleared and freed after it.
  private static func withScalar<T>(
    _ bytes: [UInt8], _ body: (OpaquePointer) throws(NationalCryptoError) -> T
  ) throws(NationalCryptoError) -> T {
    guard let scalar = BN_bin2bn(bytes, Int32(bytes.count), nil) else { throw .openSSL("SM2 private key") }
    defer { BN_clear_free(scalar) }
    return try body(scalar)
  }

  /// Refuses anything but an uncompressed point on the curve (04 || X || Y).
  static func checkPoint(_ bytes: [UInt8], what: String) throws(NationalCryptoError) {
    guard bytes.count == SM2.pointSize, bytes.first == 0x04 else {
      throw .invalidInput("\(what): \(bytes.count) bytes, not 65 starting with 04 (uncompressed X, Y)")
    }
    LibCrypto.clearErrors()
    try withGroup { group throws(NationalCryptoError) in
      guard let point = EC_POINT_new(group) else { throw .openSSL("\(what): no point") }
      defer { EC_POINT_free(point) }
      guard EC_POINT_oct2point(group, point, bytes, bytes.count, nil) == 1,
        EC_POINT_is_on_curve(group, point, nil) == 1
      else { throw .openSSL("\(what): not a point on the SM2 curve") }
    }
  }

  /// The uncompressed public key d·G of the private key `scalar`, which must lie in [1, n-2].
  static func publicKey(of scalarBytes: [UInt8]) throws(NationalCryptoError) -> [UInt8] {
    guard scalarBytes.count == SM2.scalarSize else {
      throw .invalidInput("SM2 private key: \(scalarBytes.count) bytes, not \(SM2.scalarSize)")
    }
    LibCrypto.clearErrors()
    return try withGroup { group throws(NationalCryptoError) in
      try withScalar(scalarBytes) { scalar throws(NationalCryptoError) in
        // GB/T 32918.1 allows d in [1, n-2]: d = n-1 has no inverse of 1+d for signing.
        guard let order = EC_GROUP_get0_order(group), let limit = BN_dup(order) else {
          throw .openSSL("SM2 curve order")
        }
        defer { BN_free(limit) }
        guard BN_sub_word(limit, 2) == 1 else { throw .openSSL("SM2 curve order") }
        guard BN_is_zero(scalar) == 0, BN_cmp(scalar, limit) <= 0 else {
          throw .invalidInput("SM2 private key: not in [1, n-2]")
        }
        guard let point = EC_POINT_new(group) else { throw .openSSL("SM2 public key: no point") }
        defer { EC_POINT_free(point) }
        try LibCrypto.check(EC_POINT_mul(group, point, scalar, nil, nil, nil), "SM2 public key: d·G")
        var encoded = [UInt8](repeating: 0, count: SM2.pointSize)
        let written = EC_POINT_point2oct(
          group, point, POINT_CONVERSION_UNCOMPRESSED, &encoded, encoded.count, nil)
        guard written == SM2.pointSize else { throw .openSSL("SM2 public key: encoding") }
        return encoded
      }
    }
  }

  /// An SM2 EVP_PKEY for `body` from a checked public key and, to sign or decrypt, its private key.
  static func withKey<T>(
    publicKey: [UInt8], privateKey: [UInt8]? = nil,
    _ body: (OpaquePointer) throws(NationalCryptoError) -> T
  ) throws(NationalCryptoError) -> T {
    LibCrypto.clearErrors()
    guard let builder = OSSL_PARAM_BLD_new() else { throw .openSSL("SM2 key: no parameter builder") }
    defer { OSSL_PARAM_BLD_free(builder) }
    var scalar: OpaquePointer?
    if let privateKey {
      guard let made = BN_bin2bn(privateKey, Int32(privateKey.count), nil) else {
        throw .openSSL("SM2 private key")
      }
      scalar = made
    }
    defer { BN_clear_free(scalar) }
    // The builder holds pointers to the point's bytes and the scalar until to_param copies
    // them, so everything is pushed and copied while both are alive.
    let parameters = publicKey.withUnsafeBytes { point -> UnsafeMutablePointer<OSSL_PARAM>? in
      guard
        OSSL_PARAM_BLD_push_utf8_string(builder, clibcrypto_param_group_name(), clibcrypto_sm2_group(), 0)
          == 1,
        OSSL_PARAM_BLD_push_octet_string(
          builder, clibcrypto_param_public_key(), point.baseAddress, point.count)
          == 1,
        scalar.map({ OSSL_PARAM_BLD_push_BN(builder, clibcrypto_param_private_key(), $0) == 1 }) ?? true
      else { return nil }
      return OSSL_PARAM_BLD_to_param(builder)
    }
    guard let parameters else { throw .openSSL("SM2 key: parameters") }
    defer { OSSL_PARAM_free(parameters) }
    let selection = scalar == nil ? clibcrypto_public_key_selection() : clibcrypto_keypair_selection()
    return try withKey(from: parameters, selection: selection, body)
  }

  private static func withKey<T>(
    from parameters: UnsafeMutablePointer<OSSL_PARAM>, selection: Int32,
    _ body: (OpaquePointer) throws(NationalCryptoError) -> T
  ) throws(NationalCryptoError) -> T {
    guard let context = EVP_PKEY_CTX_new_from_name(nil, "SM2", nil) else {
      throw .openSSL("SM2 key: no context")
    }
    defer { EVP_PKEY_CTX_free(context) }
    var key: OpaquePointer?
    try LibCrypto.check(EVP_PKEY_fromdata_init(context), "SM2 key: set-up")
    try LibCrypto.check(EVP_PKEY_fromdata(context, &key, selection, parameters), "SM2 key")
    guard let key else { throw .openSSL("SM2 key") }
    defer { EVP_PKEY_free(key) }
    return try body(key)
  }
}

extension SM2Curve {
  /// A digest context over `key` that hashes with SM3 after the signer's Z value (from `id`),
  /// as GB/T 32918.2 signs: e = SM3(Z || M). `signing` picks DigestSign or DigestVerify.
  static func withDigestContext<T>(
    key: OpaquePointer, id: [UInt8], signing: Bool,
    _ body: (OpaquePointer) throws(NationalCryptoError) -> T
  ) throws(NationalCryptoError) -> T {
    let operation = signing ? "SM2 signing" : "SM2 verification"
    try SM2.checkID(id)
    guard let keyContext = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else {
      throw .openSSL("\(operation): no key context")
    }
    // Freed after the digest context, which borrows it (EVP_MD_CTX_set_pkey_ctx does not take it).
    defer { EVP_PKEY_CTX_free(keyContext) }
    guard EVP_PKEY_CTX_set1_id(keyContext, id, Int32(id.count)) > 0 else {
      throw .openSSL("\(operation): signer ID")
    }
    guard let digestContext = EVP_MD_CTX_new() else { throw .openSSL("\(operation): no digest context") }
    defer { EVP_MD_CTX_free(digestContext) }
    EVP_MD_CTX_set_pkey_ctx(digestContext, keyContext)
    let initialised =
      signing
      ? EVP_DigestSignInit(digestContext, nil, EVP_sm3(), nil, key)
      : EVP_DigestVerifyInit(digestContext, nil, EVP_sm3(), nil, key)
    try LibCrypto.check(initialised, "\(operation): set-up")
    return try body(digestContext)
  }

  /// A key context over `key` for SM2 encryption or decryption, initialised for it.
  static func withCryptContext<T>(
    key: OpaquePointer, encrypting: Bool,
    _ body: (OpaquePointer) throws(NationalCryptoError) -> T
  ) throws(NationalCryptoError) -> T {
    let operation = encrypting ? "SM2 encryption" : "SM2 decryption"
    guard let context = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else {
      throw .openSSL("\(operation): no key context")
    }
    defer { EVP_PKEY_CTX_free(context) }
    try LibCrypto.check(
      encrypting ? EVP_PKEY_encrypt_init(context) : EVP_PKEY_decrypt_init(context), "\(operation): set-up")
    return try body(context)
  }
}
