"""Staff PIN hashes, made by central and checked offline by the tablet.

Format: `scrypt-k$N$r$p$salt$hash` (base64 salt and hash) over HMAC-SHA256(pin_key, PIN).
scrypt is deliberately slow and memory-hard; the HMAC key is a per-retailer secret that central
hands only to enrolled devices (in the enrolment answer; the device keeps it in the OS keyring
beside its token). A copied `cache.db` alone therefore cannot be brute-forced offline: 10,000
four-digit PINs are nothing for scrypt, but without the key there is nothing to try them against.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
SCHEME = "scrypt-k"
PIN_KEY_BYTES = 32


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def new_pin_key() -> str:
    """A fresh per-retailer PIN key, as central stores and sends it (URL-safe base64)."""
    return base64.urlsafe_b64encode(os.urandom(PIN_KEY_BYTES)).decode("ascii")


def _keyed(pin: str, pin_key: str) -> bytes:
    key = base64.urlsafe_b64decode(pin_key.encode("ascii"))
    if len(key) < 16:
        raise ValueError("the PIN key is too short")
    return hmac.new(key, pin.encode(), hashlib.sha256).digest()


def hash_pin(pin: str, pin_key: str, *, salt: bytes | None = None, n: int = SCRYPT_N) -> str:
    if not pin.isdigit() or not 4 <= len(pin) <= 8:
        raise ValueError("a PIN is 4 to 8 digits")
    salt = salt or os.urandom(16)
    digest = hashlib.scrypt(_keyed(pin, pin_key), salt=salt, n=n, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"{SCHEME}${n}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str, pin_key: str) -> bool:
    """False for a wrong PIN, a wrong key, or a stored value that is not ours (never raises)."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != SCHEME:
            return False
        expected = base64.b64decode(digest, validate=True)
        got = hashlib.scrypt(
            _keyed(pin, pin_key),
            salt=base64.b64decode(salt, validate=True),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=128 * 1024 * 1024,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)
