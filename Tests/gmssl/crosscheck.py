#!/usr/bin/env python3
"""The gmssl side of NationalCryptoTests' cross-check: one operation per run, bytes as hex.

gmssl (PyPI) is a pure-Python SM2/SM3/SM4 written apart from OpenSSL, so a signature, ciphertext
or digest both agree on is not one library agreeing with itself. Its quirks, handled here:
public keys are X || Y without the 04 (and its constructor strips leading '0' and '4' digits
from them, so the key is set after construction); C1 likewise lacks the 04; mode 1 is C1C3C2,
mode 0 C1C2C3; SM2 signatures use the default ID "1234567812345678" only; decryption does not
check C3 (the Swift side, through OpenSSL, does).

  crosscheck.py sm3 MSG
  crosscheck.py hmac-sm3 KEY MSG
  crosscheck.py sm4-encrypt|sm4-decrypt KEY IV|- DATA      (PKCS#7; IV "-" for ECB)
  crosscheck.py sm2-sign PRIVATE PUBLIC MSG                 (prints r || s)
  crosscheck.py sm2-verify PUBLIC MSG SIGNATURE             (prints valid or invalid)
  crosscheck.py sm2-encrypt PUBLIC c1c3c2|c1c2c3 MSG        (prints 04 || C1 ... )
  crosscheck.py sm2-decrypt PRIVATE c1c3c2|c1c2c3 CIPHERTEXT
"""

import sys

from gmssl import sm2, sm3, sm4

MODES = {"c1c3c2": 1, "c1c2c3": 0}


def sm3_hex(data: bytes) -> str:
    return sm3.sm3_hash(list(data))


def hmac_sm3(key: bytes, message: bytes) -> str:
    """RFC 2104 over gmssl's SM3 (block 64 bytes): gmssl has no HMAC of its own."""
    if len(key) > 64:
        key = bytes.fromhex(sm3_hex(key))
    key = key.ljust(64, b"\0")
    inner = bytes.fromhex(sm3_hex(bytes(b ^ 0x36 for b in key) + message))
    return sm3_hex(bytes(b ^ 0x5C for b in key) + inner)


def sm4_crypt(encrypting: bool, key: bytes, iv: str, data: bytes) -> str:
    cipher = sm4.CryptSM4()
    cipher.set_key(key, sm4.SM4_ENCRYPT if encrypting else sm4.SM4_DECRYPT)
    out = cipher.crypt_ecb(data) if iv == "-" else cipher.crypt_cbc(bytes.fromhex(iv), data)
    return out.hex()


def sm2_key(private: str, public: str, mode: int = 1) -> sm2.CryptSM2:
    key = sm2.CryptSM2(private_key=private, public_key="", mode=mode)
    key.public_key = public.removeprefix("04")
    return key


def run(command: str, args: list[str]) -> str:
    if command == "sm3":
        return sm3_hex(bytes.fromhex(args[0]))
    if command == "hmac-sm3":
        return hmac_sm3(bytes.fromhex(args[0]), bytes.fromhex(args[1]))
    if command in ("sm4-encrypt", "sm4-decrypt"):
        return sm4_crypt(command == "sm4-encrypt", bytes.fromhex(args[0]), args[1], bytes.fromhex(args[2]))
    if command == "sm2-sign":
        return sm2_key(args[0], args[1]).sign_with_sm3(bytes.fromhex(args[2]))
    if command == "sm2-verify":
        return "valid" if sm2_key("", args[0]).verify_with_sm3(args[2], bytes.fromhex(args[1])) else "invalid"
    if command == "sm2-encrypt":
        ciphertext = sm2_key("", args[0], MODES[args[1]]).encrypt(bytes.fromhex(args[2]))
        return "04" + ciphertext.hex()
    if command == "sm2-decrypt":
        ciphertext = bytes.fromhex(args[2].removeprefix("04"))
        return sm2_key(args[0], "", MODES[args[1]]).decrypt(ciphertext).hex()
    raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    print(run(sys.argv[1], sys.argv[2:]))
