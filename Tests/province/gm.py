"""MD5, SM2, SM3 and SM4 for the province simulators: gmssl (PyPI, pure Python) and hashlib only.

This is the independent side of the provinces' crypto: the Swift hub uses OpenSSL, the simulators
use gmssl, and the two share no code. gmssl's quirks (see Tests/gmssl/crosscheck.py): public keys
are X || Y without the 04, so is C1; mode 1 is C1C3C2; its decryption does not check C3, so
`sm2_decrypt` here does the decryption itself from gmssl's point multiplication and SM3 KDF and
checks C3 = SM3(x2 || M || y2) and that C1 is on the curve.
"""

import hashlib
import hmac

from gmssl import sm2, sm3, sm4

_CURVE = sm2.default_ecc_table
_P = int(_CURVE["p"], 16)
_A = int(_CURVE["a"], 16)
_B = int(_CURVE["b"], 16)
_N = int(_CURVE["n"], 16)


def md5_hex(text: str) -> str:
    """Lowercase hex MD5 of the UTF-8 text."""
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def sm3_digest(data: bytes) -> bytes:
    return bytes.fromhex(sm3.sm3_hash(list(data)))


def sm4_ecb_encrypt(key: bytes, plaintext: bytes) -> bytes:
    """SM4-ECB with PKCS#7 padding (always at least one byte of padding)."""
    pad = 16 - len(plaintext) % 16
    cipher = sm4.CryptSM4(padding_mode=None)
    cipher.set_key(key, sm4.SM4_ENCRYPT)
    return cipher.crypt_ecb(plaintext + bytes([pad]) * pad)


def sm4_ecb_decrypt(key: bytes, ciphertext: bytes) -> bytes | None:
    """SM4-ECB with PKCS#7 padding checked strictly; None when the length or padding is wrong."""
    if not ciphertext or len(ciphertext) % 16:
        return None
    cipher = sm4.CryptSM4(padding_mode=None)
    cipher.set_key(key, sm4.SM4_DECRYPT)
    plain = cipher.crypt_ecb(ciphertext)
    pad = plain[-1]
    if not 1 <= pad <= 16 or plain[-pad:] != bytes([pad]) * pad:
        return None
    return plain[:-pad]


def _key(private_hex: str = "", public_hex: str = "") -> sm2.CryptSM2:
    key = sm2.CryptSM2(private_key=private_hex, public_key="", mode=1)
    # Set after construction: the constructor strips every leading '0' and '4' digit of a public key.
    key.public_key = public_hex.removeprefix("04") if len(public_hex) == 130 else public_hex
    return key


def _on_curve(x: int, y: int) -> bool:
    return x < _P and y < _P and (y * y - (x * x * x + _A * x + _B)) % _P == 0


def valid_private_key(private_hex: str) -> bool:
    try:
        d = int(private_hex, 16)
    except ValueError:
        return False
    return len(private_hex) == 64 and 1 <= d < _N - 1


def sm2_public_key(private_hex: str) -> str:
    """The public key 04 || X || Y (130 hex digits) of a private key (64 hex digits)."""
    return "04" + _key(private_hex)._kg(int(private_hex, 16), _CURVE["g"])


def sm2_encrypt(public_hex: str, message: bytes) -> bytes:
    """GB/T 32918.4 encryption as C1 || C3 || C2 with C1 = 04 || x1 || y1 (65 bytes)."""
    if not message:
        raise ValueError("SM2 cannot encrypt an empty message")
    while True:
        ciphertext = _key(public_hex=public_hex).encrypt(message)
        if ciphertext is not None:  # None: the KDF gave all zeros, GB/T 32918.4 says pick a new k
            return b"\x04" + ciphertext


def sm2_decrypt(private_hex: str, ciphertext: bytes) -> bytes | None:
    """Decrypts C1 || C3 || C2 (C1 with its 04); None unless C1 is a curve point and C3 matches."""
    if len(ciphertext) < 1 + 64 + 32 + 1 or ciphertext[0] != 4:
        return None
    c1, c3, c2 = ciphertext[1:65], ciphertext[65:97], ciphertext[97:]
    if not _on_curve(int.from_bytes(c1[:32], "big"), int.from_bytes(c1[32:], "big")):
        return None
    key = _key(private_hex)
    shared = key._kg(int(private_hex, 16), c1.hex())
    if shared is None:
        return None
    stream = sm3.sm3_kdf(shared.encode("utf-8"), len(c2))
    if int(stream, 16) == 0:
        return None
    message = bytes(a ^ b for a, b in zip(c2, bytes.fromhex(stream), strict=True))
    x2, y2 = bytes.fromhex(shared[:64]), bytes.fromhex(shared[64:128])
    if not hmac.compare_digest(sm3_digest(x2 + message + y2), c3):
        return None
    return message
