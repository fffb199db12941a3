/// Published SM2 examples on the recommended curve, which the wrapper must reproduce or accept.
enum SM2Vectors {
  // GM/T 0003.5-2012 (GB/T 32918.5-2017) Annex A, on the recommended curve: the key pair, the
  // signature of "message digest" by the default ID, and the encryption of "encryption standard",
  // both with k = 59276E27 D506861A 16680F3A D9C02DCC EF3CC1FA 3CDBE4CE 6D54B80D EAC1BC21. OpenSSL
  // checks the same values in test/sm2_internal_test.c (sm2_sig_test, sm2_crypt_test).
  static let annexPrivateKey = "3945208F 7B2144B1 3F36E38A C6D39F95 88939369 2860B51A 42FB81EF 4DF7C5B8"
  static let annexPublicKey =
    "04 09F9DF31 1E5421A1 50DD7D16 1E4BC5C6 72179FAD 1833FC07 6BB08FF3 56F35020"
    + " CCEA490C E26775A5 2DC6EA71 8CC1AA60 0AED05FB F35E084A 6632F607 2DA9AD13"
  static let annexSignedMessage = "message digest"
  static let annexR = "F5A03B06 48D2C463 0EEAC513 E1BB81A1 5944DA38 27D5B741 43AC7EAC EEE720B3"
  static let annexS = "B1B6AA29 DF212FD8 763182BC 0D421CA1 BB9038FD 1F7F42D4 840B69C4 85BBC1AA"
  static let annexPlaintext = "encryption standard"
  static let annexC1 =
    "04 04EBFC71 8E8D1798 62043226 8E77FEB6 415E2EDE 0E073C0F 4F640ECD 2E149A73"
    + " E858F9D8 1E5430A5 7B36DAAB 8F950A3C 64E6EE6A 63094D99 283AFF76 7E124DF0"
  static let annexC3 = "59983C18 F809E262 923C53AE C295D303 83B54E39 D609D160 AFCB1908 D0BD8766"
  static let annexC2 = "21886CA9 89CA9C7D 58087307 CA93092D 651EFA"
  // The same ciphertext in OpenSSL's ASN.1 form, as test/sm2_internal_test.c expects it.
  static let annexASN1 =
    "307C0220 04EBFC71 8E8D1798 62043226 8E77FEB6 415E2EDE 0E073C0F 4F640ECD 2E149A73"
    + " 022100E8 58F9D81E 5430A57B 36DAAB8F 950A3C64 E6EE6A63 094D9928 3AFF767E 124DF004"
    + " 2059983C 18F809E2 62923C53 AEC295D3 0383B54E 39D609D1 60AFCB19 08D0BD87 66041321"
    + " 886CA989 CA9C7D58 087307CA 93092D65 1EFA"

  // OpenSSL's test/recipes/30-test_evp_data/evppkey_sm2.txt: the private scalar of its key
  // SM2_key1 (from the PKCS#8 there) and its ciphertext of "The floofy bunnies hop at midnight".
  static let openSSLPrivateKey = "d0915673 3017bdad 809fd9bb d8c693f6 02305931 69b6f94a af1c8ee1 38cc99b5"
  static let openSSLPublicKey =
    "04 393a2ad9 e27e43ac aaab85a1 9d3b8559 1e144061 57175add d37bf77f f0caf9ed"
    + " 37fcf3a8 b4f55c03 8523261f ca6636af e6a7afa2 a1482a60 6f5cb3a1 8b2e2a1e"
  static let openSSLPlaintext = "The floofy bunnies hop at midnight"
  static let openSSLCiphertext =
    "30818A02 20466BE2 EF5C1178 2EC77864 A0055417 F407A5AF C11D653C 6BCE69E4 17BB1D05"
    + " B6022062 B572E21F F0DDF5C7 26BD3F9F F2EAE56E 6294713A 607E9B95 25628965 F62CC804"
    + " 203C1B57 13B5DB27 28EB7BF7 75E44F46 89FC3266 8BDC564F 52EA45B0 9E8DF2A5 F4042208"
    + " 4A9D0CC2 997092B7 D3C404FC E95956EB 604D732B 2307A8E5 B8900ED6 608CA5B1 97"
}
