"""Local message protection of the nexo Terminal API, as Adyen's public client libraries do it.

A protected message keeps its ``MessageHeader`` in the clear and carries the whole JSON message
(``{"SaleToPOIRequest": {...}}`` or ``{"SaleToPOIResponse": {...}}``) as ``NexoBlob``:

- key material: PBKDF2-HMAC-SHA1 over the passphrase, salt ``AdyenNexoV1Salt``, 4000
  iterations, 80 bytes, split as 32 bytes HMAC key, 32 bytes AES key, 16 bytes IV;
- a fresh 16-byte nonce per message; the AES-256-CBC IV is the derived IV XOR the nonce
  (PKCS#7 padding); ``NexoBlob`` is the base64 of the ciphertext;
- ``SecurityTrailer.Hmac`` is HMAC-SHA256 over the plaintext JSON bytes, base64;
- ``SecurityTrailer`` also names ``AdyenCryptoVersion``, ``KeyIdentifier``, ``KeyVersion`` and
  the base64 ``Nonce``.

Checked against the vectors of Adyen's MIT-licensed libraries (tests/data/nexo/vectors.json).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

SALT = b"AdyenNexoV1Salt"
ITERATIONS = 4000
HMAC_KEY_LENGTH = 32
CIPHER_KEY_LENGTH = 32
IV_LENGTH = 16


class ProtectionError(Exception):
    """A protected message could not be opened: wrong key, broken blob, or a failed HMAC.
    ``code``: protection.key | protection.blob | protection.hmac."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class DerivedKey:
    hmac_key: bytes
    cipher_key: bytes
    iv: bytes


def derive_key(passphrase: str) -> DerivedKey:
    material = hashlib.pbkdf2_hmac(
        "sha1", passphrase.encode("utf-8"), SALT, ITERATIONS, HMAC_KEY_LENGTH + CIPHER_KEY_LENGTH + IV_LENGTH
    )
    return DerivedKey(
        hmac_key=material[:HMAC_KEY_LENGTH],
        cipher_key=material[HMAC_KEY_LENGTH : HMAC_KEY_LENGTH + CIPHER_KEY_LENGTH],
        iv=material[HMAC_KEY_LENGTH + CIPHER_KEY_LENGTH :],
    )


@dataclass(frozen=True)
class NexoKey:
    """The shared key of one terminal, as set in the terminal's configuration (Customer Area:
    Terminal settings > Integrations > Encryption key)."""

    passphrase: str = field(repr=False)
    key_identifier: str
    key_version: int
    crypto_version: int = 1

    def __post_init__(self) -> None:
        if not self.passphrase or not self.key_identifier:
            raise ProtectionError("protection.key", "The terminal's encryption key needs a passphrase and a key name.")

    @cached_property
    def derived(self) -> DerivedKey:
        return derive_key(self.passphrase)


def _b64decode(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise ProtectionError("protection.blob", f"The message's {what} is missing.")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise ProtectionError("protection.blob", f"The message's {what} is not valid base64.") from None


def _cipher(key: DerivedKey, nonce: bytes) -> Cipher[modes.CBC]:
    iv = bytes(a ^ b for a, b in zip(key.iv, nonce, strict=True))
    return Cipher(algorithms.AES(key.cipher_key), modes.CBC(iv))


def encrypt_blob(plaintext: bytes, key: DerivedKey, nonce: bytes) -> bytes:
    if len(nonce) != IV_LENGTH:
        raise ProtectionError("protection.blob", "The nonce must be 16 bytes.")
    padder = padding.PKCS7(128).padder()
    padded = padder.update(plaintext) + padder.finalize()
    enc = _cipher(key, nonce).encryptor()
    return enc.update(padded) + enc.finalize()


def decrypt_blob(ciphertext: bytes, key: DerivedKey, nonce: bytes) -> bytes:
    if len(nonce) != IV_LENGTH or not ciphertext or len(ciphertext) % 16:
        raise ProtectionError("protection.blob", "The encrypted message is not a whole number of AES blocks.")
    dec = _cipher(key, nonce).decryptor()
    padded = dec.update(ciphertext) + dec.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        # A wrong passphrase almost always lands here: the last block does not unpad.
        raise ProtectionError(
            "protection.hmac", "The message could not be decrypted: the passphrase does not match."
        ) from None


def hmac_of(plaintext: bytes, key: DerivedKey) -> bytes:
    return hmac.new(key.hmac_key, plaintext, hashlib.sha256).digest()


def protect(message: dict[str, Any], key: NexoKey, *, nonce: bytes | None = None, plaintext: bytes | None = None) -> dict[str, Any]:
    """``{"SaleToPOIRequest"|"SaleToPOIResponse": {...}}`` -> the same envelope with
    MessageHeader, NexoBlob and SecurityTrailer. ``plaintext`` lets a caller choose the exact
    JSON bytes (the vectors do); by default the message is encoded compactly as UTF-8."""
    (envelope, body), = message.items()
    if plaintext is None:
        plaintext = json.dumps(message, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    nonce = os.urandom(IV_LENGTH) if nonce is None else nonce
    d = key.derived
    return {
        envelope: {
            "MessageHeader": body["MessageHeader"],
            "NexoBlob": base64.b64encode(encrypt_blob(plaintext, d, nonce)).decode("ascii"),
            "SecurityTrailer": {
                "AdyenCryptoVersion": key.crypto_version,
                "KeyIdentifier": key.key_identifier,
                "KeyVersion": key.key_version,
                "Nonce": base64.b64encode(nonce).decode("ascii"),
                "Hmac": base64.b64encode(hmac_of(plaintext, d)).decode("ascii"),
            },
        }
    }


def is_protected(message: dict[str, Any]) -> bool:
    return any(isinstance(b, dict) and "NexoBlob" in b for b in message.values())


def unprotect_bytes(message: dict[str, Any], key: NexoKey) -> bytes:
    """The plaintext JSON bytes of a protected message, after its HMAC is verified."""
    if len(message) != 1:
        raise ProtectionError("protection.blob", "The message has no single SaleToPOI envelope.")
    (body,) = message.values()
    if not isinstance(body, dict):
        raise ProtectionError("protection.blob", "The message has no SaleToPOI envelope.")
    trailer = body.get("SecurityTrailer")
    if not isinstance(trailer, dict):
        raise ProtectionError("protection.blob", "The message has no security trailer.")
    if trailer.get("KeyIdentifier") != key.key_identifier or trailer.get("KeyVersion") != key.key_version:
        raise ProtectionError(
            "protection.key",
            f"The message is protected with key {trailer.get('KeyIdentifier')!r} version "
            f"{trailer.get('KeyVersion')!r}, not {key.key_identifier!r} version {key.key_version}.",
        )
    nonce = _b64decode(trailer.get("Nonce"), "nonce")
    received = _b64decode(trailer.get("Hmac"), "HMAC")
    plaintext = decrypt_blob(_b64decode(body.get("NexoBlob"), "encrypted blob"), key.derived, nonce)
    if not hmac.compare_digest(received, hmac_of(plaintext, key.derived)):
        raise ProtectionError("protection.hmac", "The message's HMAC does not match: the passphrase differs or it was altered.")
    return plaintext


def unprotect(message: dict[str, Any], key: NexoKey) -> dict[str, Any]:
    plaintext = unprotect_bytes(message, key)
    try:
        inner = json.loads(plaintext)
    except ValueError:
        raise ProtectionError("protection.blob", "The decrypted message is not JSON.") from None
    if not isinstance(inner, dict):
        raise ProtectionError("protection.blob", "The decrypted message is not a JSON object.")
    return inner
